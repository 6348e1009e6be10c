using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>A vendor-style failure: code, description, HTTP status.</summary>
sealed class ApiError(int code, string? description, int http = 422) : Exception(description)
{
    public int Code { get; } = code;
    public string? Description { get; } = description;
    public int Http { get; } = http;

    public static ApiError Missing(string p) => new(200, $"Missing parameter: {p}");
    public static ApiError BadChars(string p) => new(301, $"Invalid character in parameter: {p}");
    public static ApiError NotAllowed(string p) => new(302, $"Value not allowed for parameter: {p}");
    public static ApiError Format(string p, string format) => new(303, $"Invalid format for parameter: {p}. Required format: {format}");
    public static ApiError Bad(string text) => new(300, text);
    public static ApiError Auth() => new(1000, null, 401);
    public static ApiError NoSuchPath() => new(0, null, 404);
    public static ApiError Campaign() => new(502, "Campaign not found.");
    public static ApiError Session() => new(505, "Couponsession not found.");
    /// <summary>2025: 513 on couponsession/data and singleuse/remove, 512 on couponsession/update.</summary>
    public static ApiError SessionNotFound(int code) => new(code, "Coupon session not found");
    /// <summary>Chosen by the simulator (no vendor code known): 506 loyalty card not found.</summary>
    public static ApiError LoyaltyCard() => new(506, "Loyalty card not found.");
    public static ApiError Directory() => new(507, "Directory not found.");
    /// <summary>Chosen by the simulator (no vendor code known): 508 loyalty user / directory user not found.</summary>
    public static ApiError User() => new(508, "User not found.");
    public static ApiError Webhook() => new(509, "Webhook not found.");
    public static ApiError Subaccount() => new(510, "Subaccount ID not correct.");
    public static ApiError Folder() => new(515, "Folder not found.");
}

/// <summary>A Utf8JsonWriter over the response pipe (streamed) or over a buffer (for faults that need the whole reply).</summary>
sealed class JsonOut : IDisposable
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    readonly PipeWriter? pipe;

    public JsonOut(IBufferWriter<byte> target, PipeWriter? pipe)
    {
        W = new Utf8JsonWriter(target, WriterOptions);
        this.pipe = pipe;
    }

    public Utf8JsonWriter W { get; }

    public async ValueTask FlushIfBig()
    {
        if (W.BytesPending < 32 * 1024) return;
        W.Flush();
        if (pipe != null) await pipe.FlushAsync();
    }

    public async ValueTask Complete()
    {
        W.Flush();
        if (pipe != null) await pipe.FlushAsync();
    }

    public void Dispose() => W.Dispose();
}

/// <summary>An HTTP status and a body writer; state changes are already done when a Reply exists.</summary>
sealed class Reply
{
    public int Status { get; init; } = 200;
    public string ContentType { get; init; } = "application/json";
    public required Func<JsonOut, ValueTask> Body { get; init; }

    /// <summary>A body that is not JSON (an image), written as it is.</summary>
    public static Reply Raw(string contentType, byte[] bytes) => new()
    {
        ContentType = contentType,
        Body = o => { o.W.WriteRawValue(bytes, skipInputValidation: true); return default; },
    };

    public static Reply Ok(Action<Utf8JsonWriter>? fields = null) => new()
    {
        Body = o =>
        {
            o.W.WriteStartObject();
            WriteOkStatus(o.W);
            fields?.Invoke(o.W);
            o.W.WriteEndObject();
            return default;
        },
    };

    /// <summary>For long lists: fields first, then an awaited writer that flushes as it goes.</summary>
    public static Reply OkStream(Action<Utf8JsonWriter> fields, Func<JsonOut, ValueTask> rest) => new()
    {
        Body = async o =>
        {
            o.W.WriteStartObject();
            WriteOkStatus(o.W);
            fields(o.W);
            await rest(o);
            o.W.WriteEndObject();
        },
    };

    public static Reply Failed(ApiError e, bool errorsBesideStatus = false) => new()
    {
        Status = e.Http,
        Body = o => { Envelope.WriteFailed(o.W, e, errorsBesideStatus); return default; },
    };

    static void WriteOkStatus(Utf8JsonWriter w)
    {
        w.WriteStartObject("status");
        w.WriteString("status", "OK");
        w.WriteEndObject();
    }
}

static class Envelope
{
    public static string StatusLine(int http) => http switch
    {
        401 => "HTTP/1.0 401 Unauthorized.",
        404 => "HTTP/1.0 404 Not Found.",
        422 => "HTTP/1.0 422 Unprocessable entity.",
        _ => $"HTTP/1.0 {http} {Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(http)}.",
    };

    /// <summary>README §3: errors inside status (or beside it for single push); auth failures carry a scalar code.</summary>
    public static void WriteFailed(Utf8JsonWriter w, ApiError e, bool errorsBesideStatus)
    {
        w.WriteStartObject();
        w.WriteStartObject("status");
        w.WriteString("status", "failed");
        if (errorsBesideStatus) w.WriteEndObject();
        w.WriteStartObject("errors");
        if (e.Code == 1000)
        {
            w.WriteNumber("error_code", 1000);
            w.WriteString("error_message", "HTTP/1.0 401 Unauthorized. Client ID or Secret not correct.");
        }
        else
        {
            w.WriteString("error_message", StatusLine(e.Http));
            if (e.Description != null)
            {
                w.WriteStartArray("error_message_description");
                w.WriteStringValue(e.Description);
                w.WriteEndArray();
            }
            if (e.Code != 0)
            {
                w.WriteStartArray("error_code");
                w.WriteNumberValue(e.Code);
                w.WriteEndArray();
            }
        }
        w.WriteEndObject();
        if (!errorsBesideStatus) w.WriteEndObject();
        w.WriteEndObject();
    }
}

/// <summary>Wire formatting: numbers as strings, flags "0"/"1", dates yyyy-MM-dd HH:mm:ss UTC or "".</summary>
static class J
{
    public static void Num(this Utf8JsonWriter w, string name, long value)
    {
        Span<char> buf = stackalloc char[24];
        value.TryFormat(buf, out int n, default, CultureInfo.InvariantCulture);
        w.WriteString(name, buf[..n]);
    }

    /// <summary>An array of objects, each written by <paramref name="members"/>.</summary>
    public static void Objects<T>(this Utf8JsonWriter w, string name, IEnumerable<T> items, Action<T> members)
    {
        w.WritePropertyName(name);
        w.Objects(items, members);
    }

    /// <summary>A bare array of objects (the REST family answers lists without an envelope).</summary>
    public static void Objects<T>(this Utf8JsonWriter w, IEnumerable<T> items, Action<T> members)
    {
        w.WriteStartArray();
        foreach (var item in items)
        {
            w.WriteStartObject();
            members(item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void Flag(this Utf8JsonWriter w, string name, bool value) => w.WriteString(name, value ? "1" : "0");

    public static void Date(this Utf8JsonWriter w, string name, long unixSeconds)
    {
        if (unixSeconds == 0) { w.WriteString(name, ""); return; }
        Span<char> buf = stackalloc char[24];
        DateTime.UnixEpoch.AddSeconds(unixSeconds).TryFormat(buf, out int n, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        w.WriteString(name, buf[..n]);
    }

    public static string DateText(long unixSeconds) =>
        unixSeconds == 0 ? "" : DateTime.UnixEpoch.AddSeconds(unixSeconds).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static long NowSeconds() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
