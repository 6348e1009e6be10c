#nullable enable
using System.Globalization;
using Coupontools.Client.Sessions;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Coupontools.Client.Tests;

public class SessionUpdateTests
{
    [Fact]
    public void A_change_sends_the_operation_the_custom_fields_and_money_spent_as_0_000_invariant()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var change = new SessionChange(SessionOperation.Validate, new[] { null, "paid" }, "Order42", 12.5m);
            var body = SessionRequests.Update("et4ufwqsnqc8r9ckrki6m", change).Body;
            Assert.Equal("validate", body["operation"]);
            Assert.Equal("paid", body["customfield2"]);
            Assert.Null(body["customfield1"]);
            Assert.Equal("Order42", body["customid"]);
            Assert.Equal("12.500", body["money_spent"]);
            Assert.Equal("et4ufwqsnqc8r9ckrki6m", body["couponsession"]);
            Assert.Equal("Validate, customfield2 'paid', custom id 'Order42', money spent 12.500", change.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void No_session_write_is_safe_to_repeat()
    {
        var change = new SessionChange(SessionOperation.Claim);
        Assert.False(SessionRequests.Update("abc123", change).SafeToRepeat);
        Assert.False(SessionRequests.BatchUpdate("cam_1", 1, 2, change).SafeToRepeat);
    }

    [Theory]
    [InlineData(null, null, "Nothing to change")]
    [InlineData("x", null, "-CustomField1 is 51 characters")]
    [InlineData(null, "bad-id", "-CustomId 'bad-id'")]
    public void Problems_are_found_before_any_request(string? field, string? customId, string expected)
    {
        var change = new SessionChange(null, field == null ? null : new[] { new string('x', 51) }, customId);
        Assert.Contains(expected, change.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_sends_start_and_end_as_numeric_strings_and_no_single_session_fields()
    {
        var body = SessionRequests.BatchUpdate("cam_123456", 1000000, null, new SessionChange(SessionOperation.Validate, new[] { "a" }, "Ignored", 1m)).Body;
        Assert.Equal("/v3/batch/update", SessionRequests.BatchUpdate("cam_1", null, 5, new SessionChange(SessionOperation.Void)).Path);
        Assert.Equal("1000000", body["startsequence"]);
        Assert.Null(body["endsequence"]);
        Assert.Equal("validate", body["operation"]);
        Assert.Equal("a", body["customfield1"]);
        Assert.False(body.ContainsKey("customid"));
        Assert.False(body.ContainsKey("money_spent"));
        Assert.Throws<ArgumentException>(() => SessionRequests.BatchUpdate("cam_1", null, null, new SessionChange(SessionOperation.Void)));
    }

    [Theory]
    [InlineData(SessionOperation.Claim, 352)]
    [InlineData(SessionOperation.Unvalidate, 353)]
    [InlineData(SessionOperation.Lock, 354)]
    [InlineData(SessionOperation.Void, 355)]
    [InlineData(SessionOperation.Unlock, 356)]
    [InlineData(SessionOperation.Unvoid, 357)]
    [InlineData(SessionOperation.Validate, 358)]
    public void The_already_in_that_state_pairs_are_not_failures(SessionOperation operation, int code)
    {
        Assert.True(SessionRequests.IsAlreadyInState(operation, code));
        foreach (var other in Enum.GetValues<SessionOperation>().Where(o => o != operation))
        {
            Assert.False(SessionRequests.IsAlreadyInState(other, code), $"{other}+{code}");
        }
    }

    [Theory]
    [InlineData(SessionOperation.Claim, 351, "SessionExpired")]
    [InlineData(SessionOperation.Claim, 354, "SessionLocked")]
    [InlineData(SessionOperation.Claim, 355, "SessionVoided")]
    [InlineData(SessionOperation.Lock, 352, "SessionNotClaimed")]
    [InlineData(SessionOperation.Validate, 512, "SessionNotFound")]
    [InlineData(SessionOperation.Validate, 513, "SessionNotFound")]
    [InlineData(SessionOperation.Validate, 302, null)]
    public void Every_other_state_code_has_its_own_error_id(SessionOperation operation, int code, string? id)
    {
        Assert.Equal(id, SessionRequests.StateErrorId(operation, code));
    }

    [Fact]
    public void The_update_reply_names_the_operation_it_did()
    {
        var result = SessionUpdateResult.FromJson(JObject.Parse(
            "{\"campaign\":\"cam_12345\",\"action\":\"update_session\",\"action_date\":\"2019-04-10 11:35:36\",\"session\":\"et4ufwqsnqc8r9ckrki6m\",\"customid\":\"\",\"operation\":\"unvoid_successful\"}"));
        Assert.Equal(SessionOperation.Unvoid, result.Operation);
        Assert.Equal("unvoid_successful", result.Result);
        Assert.Equal(new DateTime(2019, 4, 10, 11, 35, 36, DateTimeKind.Utc), result.Date);
        Assert.False(result.AlreadyInState);
        Assert.Empty(result.AdditionalProperties);
    }

    [Fact]
    public async Task A_barcode_image_is_kept_as_bytes()
    {
        var handler = new FakeHandler().Reply(200, "<svg/>", "image/svg+xml");
        var barcode = await handler.Client().SendAsync(BarcodeReader.Request("abc123", "qrcode"), () => new BarcodeReader("abc123", "qrcode"), CancellationToken.None);
        Assert.Equal("image/svg+xml", barcode.ContentType);
        Assert.Equal("<svg/>", System.Text.Encoding.UTF8.GetString(barcode.Content!));
        Assert.Equal("qrcode", JObject.Parse(handler.Sent[0].Body)["type"]!.ToString());
    }

    [Fact]
    public async Task A_barcode_JSON_reply_keeps_every_field()
    {
        var handler = new FakeHandler().Ok("\"url\":\"https://example.test/b.png\",\"width\":\"200\"");
        var barcode = await handler.Client().SendAsync(BarcodeReader.Request("abc123", "code39"), () => new BarcodeReader("abc123", "code39"), CancellationToken.None);
        Assert.Null(barcode.Content);
        Assert.Equal("https://example.test/b.png", barcode.Url);
        Assert.Equal("200", barcode.AdditionalProperties["width"]);
        Assert.Equal("code39", barcode.Type);
    }

    [Fact]
    public async Task A_barcode_error_page_is_not_taken_for_an_image()
    {
        var handler = new FakeHandler().Reply(400, "{\"status\":{\"status\":\"failed\"},\"errors\":{\"error_code\":400,\"error_message\":\"Unsupported type: x\"}}");
        var error = await Assert.ThrowsAsync<CoupontoolsApiException>(() =>
            handler.Client().SendAsync(BarcodeReader.Request("abc123", "x"), () => new BarcodeReader("abc123", "x"), CancellationToken.None));
        Assert.True(error.HasErrorCode(400));
    }
}
