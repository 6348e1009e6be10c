using Coupontools.Client.Sessions;
using Newtonsoft.Json.Linq;
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>Set-CtCouponSession's batching: grouping by change, batches of at most 1000, and reading batch replies.</summary>
public class SessionBatchTests
{
    private static readonly SessionChange Validate = new(CouponSessionStatus.Validated);
    private static readonly SessionChange VoidIt = new(voided: true);

    private static string Code(int n) => "s" + n.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);

    private static List<SessionBatch> AddAll(SessionBatcher batcher, IEnumerable<string> sessions, SessionChange change)
    {
        var ready = new List<SessionBatch>();
        foreach (var session in sessions)
        {
            ready.AddRange(batcher.Add(session, change));
        }

        return ready;
    }

    [Fact]
    public void A_full_batch_is_handed_out_as_soon_as_it_has_1000_sessions()
    {
        var batcher = new SessionBatcher();
        var ready = AddAll(batcher, Enumerable.Range(0, 999).Select(Code), Validate);
        Assert.Empty(ready);
        Assert.Equal(999, batcher.PendingCount);
        var full = Assert.Single(batcher.Add(Code(999), Validate));
        Assert.Equal(1000, full.Sessions.Count);
        Assert.False(full.IsSingle);
        Assert.Equal(0, batcher.PendingCount);
    }

    [Fact]
    public void Many_sessions_split_into_batches_of_at_most_1000_and_nothing_is_lost_or_doubled()
    {
        var batcher = new SessionBatcher();
        var input = Enumerable.Range(0, 2500).Select(Code).ToList();
        var batches = AddAll(batcher, input, Validate);
        batches.AddRange(batcher.Flush());
        Assert.Equal(new[] { 1000, 1000, 500 }, batches.Select(b => b.Sessions.Count));
        Assert.Equal(input, batches.SelectMany(b => b.Sessions));
        Assert.Empty(batcher.Flush());
    }

    [Fact]
    public void Sessions_are_grouped_by_change()
    {
        var batcher = new SessionBatcher();
        batcher.Add(Code(1), Validate);
        batcher.Add(Code(2), VoidIt);
        batcher.Add(Code(3), new SessionChange(CouponSessionStatus.Validated));
        batcher.Add(Code(4), new SessionChange(CouponSessionStatus.Validated, value: "5"));
        var batches = batcher.Flush();
        Assert.Equal(3, batches.Count);
        Assert.Equal(new[] { Code(1), Code(3) }, batches[0].Sessions);
        Assert.Equal(new[] { Code(2) }, batches[1].Sessions);
        Assert.Equal(new[] { Code(4) }, batches[2].Sessions);
    }

    [Fact]
    public void A_session_given_twice_goes_into_a_later_batch()
    {
        var batcher = new SessionBatcher();
        Assert.Empty(batcher.Add(Code(1), Validate));
        Assert.Empty(batcher.Add(Code(2), Validate));
        var closed = Assert.Single(batcher.Add(Code(1).ToUpperInvariant(), Validate));
        Assert.Equal(new[] { Code(1), Code(2) }, closed.Sessions);
        Assert.Equal(new[] { Code(1).ToUpperInvariant() }, Assert.Single(batcher.Flush()).Sessions);
    }

    [Fact]
    public void One_session_is_a_single_update_with_its_own_field()
    {
        var batcher = new SessionBatcher();
        batcher.Add(Code(1), new SessionChange(CouponSessionStatus.Claimed, false, "1.50", "2.00"));
        var batch = Assert.Single(batcher.Flush());
        Assert.True(batch.IsSingle);
        var body = batch.Body();
        Assert.Equal(Code(1), body["couponsession"]);
        Assert.False(body.ContainsKey("couponsessions"));
        Assert.Equal("claimed", body["status"]);
        Assert.Equal(false, body["void"]);
        Assert.Equal("1.50", body["value"]);
        Assert.Equal("2.00", body["validation_value"]);
    }

    [Fact]
    public void A_batch_sends_its_sessions_comma_separated_and_leaves_out_unset_fields()
    {
        var batcher = new SessionBatcher(3);
        var batch = Assert.Single(AddAll(batcher, new[] { Code(1), Code(2), Code(3) }, Validate));
        var body = batch.Body();
        Assert.Equal($"{Code(1)},{Code(2)},{Code(3)}", body["couponsessions"]);
        Assert.Equal("validated", body["status"]);
        Assert.Null(body["void"]);
        Assert.Null(body["value"]);
    }

    [Fact]
    public void Batch_size_is_limited_to_what_the_api_takes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionBatcher(1001));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionBatcher(0));
    }

    [Fact]
    public void An_empty_change_is_recognised_and_changes_describe_themselves()
    {
        Assert.True(new SessionChange().IsEmpty);
        Assert.False(new SessionChange(voided: false).IsEmpty);
        Assert.Equal("status Validated, void true", new SessionChange(CouponSessionStatus.Validated, true).ToString());
        Assert.NotEqual(new SessionChange(voided: true).Key, new SessionChange(voided: false).Key);
        Assert.NotEqual(new SessionChange(value: "").Key, new SessionChange().Key);
    }

    // ---- batch replies ----

    [Fact]
    public void Failed_sessions_are_matched_to_the_inputs_and_the_rest_are_updated()
    {
        var sent = new[] { Code(1), Code(2), Code(3), Code(4) };
        var payload = JObject.Parse($"{{\"updated\":2,\"failed\":[{{\"session\":\"{Code(4)}\",\"error_code\":505,\"error_message\":\"Couponsession not found.\"}}," +
                                    $"{{\"session\":\"{Code(2).ToUpperInvariant()}\",\"error_code\":[\"301\"],\"error_message\":\"Invalid character\"}}]}}");
        var outcome = BatchOutcome.Read(payload, sent);
        Assert.Equal(new[] { Code(1), Code(3) }, outcome.Updated);
        Assert.Equal(new[] { Code(2), Code(4) }, outcome.Failed.Select(f => f.Session));
        Assert.Equal(new int?[] { 301, 505 }, outcome.Failed.Select(f => f.ErrorCode));
        Assert.Equal("Couponsession not found.", outcome.Failed[1].Message);
        Assert.False(outcome.CountsDisagree);
        Assert.Empty(outcome.Unmatched);
    }

    [Fact]
    public void A_failure_named_by_its_short_code_matches_the_full_code_sent()
    {
        var sent = new[] { Code(1), "abc123" };
        var payload = JObject.Parse($"{{\"updated\":\"0\",\"failed\":[\"{Code(1).Substring(0, 6)}\",{{\"session\":\"abc123xxxxxxxxxxxxxxx\"}}]}}");
        var outcome = BatchOutcome.Read(payload, sent);
        Assert.Equal(sent, outcome.Failed.Select(f => f.Session));
        Assert.Empty(outcome.Updated);
        Assert.Null(outcome.Failed[0].ErrorCode);
    }

    [Fact]
    public void Disagreeing_counts_and_unknown_failures_are_reported()
    {
        var sent = new[] { Code(1), Code(2) };
        var outcome = BatchOutcome.Read(JObject.Parse("{\"updated\":1,\"failed\":[{\"session\":\"zzzzzzzzzzzzzzzzzzzzz\"}]}"), sent);
        Assert.Equal(sent, outcome.Updated);
        Assert.True(outcome.CountsDisagree);
        Assert.Equal("zzzzzzzzzzzzzzzzzzzzz", Assert.Single(outcome.Unmatched).Session);
    }

    [Fact]
    public void A_reply_without_failed_means_every_session_was_updated()
    {
        var outcome = BatchOutcome.Read(new JObject(), new[] { Code(1), Code(2) });
        Assert.Equal(2, outcome.Updated.Count);
        Assert.Null(outcome.ReportedUpdated);
        Assert.False(outcome.CountsDisagree);
    }
}
