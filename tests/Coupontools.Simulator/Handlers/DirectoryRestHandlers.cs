using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Coupontools.Simulator.RestHandlers;

namespace Coupontools.Simulator;

/// <summary>
/// The v4 directories of the REST family (vendor-2025/directory.txt), on their own store (V4DirectoryBook): the printed
/// replies for the printed requests, and {"message"} errors with HTTP statuses where the print is silent (api/ASSUMED.md):
/// 404 for an unknown directory or user, 422 for a field the API would refuse.
/// </summary>
static class DirectoryRestHandlers
{
    static readonly Regex E164 = new(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant);

    public static readonly (string Method, Regex Pattern, RestHandlers.Route Handle, bool Write)[] Routes =
    [
        ("POST", Path(@"/v4/directory/(?<dir>\d+)/send/email"), SendEmail, true),
        ("POST", Path(@"/v4/directory/(?<dir>\d+)/send/sms"), SendSms, true),
        ("GET", Path(@"/v4/directory"), (c, s, m) => Json(w => w.Objects(s.Store.V4Directories.All(), d => Directory(w, d, true))), false),
        ("GET", Path(@"/v4/directory/(?<dir>\d+)"), (c, s, m) => WithDirectory(s, m, d => Json(w => { w.WriteStartObject(); Directory(w, d, d.UrlOnGet); w.WriteEndObject(); })), false),
        ("GET", Path(@"/v4/directory/(?<dir>\d+)/users"), (c, s, m) => WithDirectory(s, m, d => Json(w => w.Objects(s.Store.V4Directories.Users(d.Id), u => User(w, u)))), false),
        ("GET", Path(@"/v4/directory/(?<dir>\d+)/users/(?<user>\d+)"), (c, s, m) => WithUser(s, m, (d, u) => UserReply(u)), false),
        ("POST", Path(@"/v4/directory/(?<dir>\d+)/users"), CreateUser, true),
        ("POST", Path(@"/v4/directory/(?<dir>\d+)/users/(?<user>\d+)"), UpdateUser, true),
        ("POST", Path(@"/v4/directory/(?<dir>\d+)/users/(?<user>\d+)/access"), GrantAccess, true),
        ("DELETE", Path(@"/v4/directory/(?<dir>\d+)/users/(?<user>\d+)/access"), RevokeAccess, false),
        ("POST", Path(@"/v4/directory/(?<dir>\d+)/users/(?<user>\d+)/sso"), SignOn, true),
    ];

    static Reply WithDirectory(Sim sim, Match m, Func<V4Directory, Reply> then) =>
        long.TryParse(m.Groups["dir"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && sim.Store.V4Directories.Find(id) is { } d
            ? then(d) : Message(404, "Directory not found");

    static Reply WithUser(Sim sim, Match m, Func<V4Directory, V4DirectoryUser, Reply> then) =>
        WithDirectory(sim, m, d => long.TryParse(m.Groups["user"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && sim.Store.V4Directories.User(d.Id, id) is { } u ? then(d, u) : Message(404, "User not found"));

    static JsonElement? Body(HttpContext ctx, string name) =>
        ctx.Items["body"] is JsonElement { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value : null;

    static Reply CreateUser(HttpContext ctx, Sim sim, Match m) => WithDirectory(sim, m, d =>
    {
        var email = Field(ctx, "email");
        if (email == null) return Message(422, "The email field is required.");
        if (!ApiRequest.IsEmail(email)) return Message(422, "The email field must be a valid email address.");
        var birth = Field(ctx, "birth_date");
        if (birth != null && !DateTime.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return Message(422, "The birth date does not match the format yyyy-MM-dd.");
        var now = V4DirectoryBook.Now();
        var user = sim.Store.V4Directories.Create(d.Id, id => new V4DirectoryUser(id, email, Field(ctx, "first_name"), Field(ctx, "last_name"), now)
        {
            Phone = Field(ctx, "phone"), BirthDate = birth, Address = Field(ctx, "address"), Zip = Field(ctx, "zip"), City = Field(ctx, "city"),
            Custom1 = Field(ctx, "custom_1"), Custom2 = Field(ctx, "custom_2"), Custom3 = Field(ctx, "custom_3"), LinkedAt = now,
        });
        return user == null ? Message(422, "The email has already been taken.") : UserReply(user);
    });

    /// <summary>Only <c>block</c> is taken ("Currently only supports block"); a body without it changes nothing and answers the user.</summary>
    static Reply UpdateUser(HttpContext ctx, Sim sim, Match m) => WithUser(sim, m, (d, u) =>
    {
        var block = Body(ctx, "block");
        if (block is { } b && b.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return Message(422, "The block field must be true or false.");
        var next = block is { } given ? sim.Store.V4Directories.Update(d.Id, u.Id, x => x with { Blocked = given.GetBoolean(), UpdatedAt = V4DirectoryBook.Now() })! : u;
        return UserReply(next);
    });

    static Reply GrantAccess(HttpContext ctx, Sim sim, Match m) => WithUser(sim, m, (d, u) =>
    {
        var expires = Field(ctx, "expires_at");
        DateTime until = default;
        if (expires != null && !DateTime.TryParseExact(expires, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out until))
            return Message(422, "The expires at does not match the format Y-m-d H:i:s.");
        var paid = expires == null ? "" : until.ToString("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", CultureInfo.InvariantCulture);
        sim.Store.V4Directories.Update(d.Id, u.Id, x => x with { PaidUntil = paid, UpdatedAt = V4DirectoryBook.Now() });
        return Message(200, "Paid access granted");
    });

    /// <summary>Idempotent like the real DELETE: a write is counted only when the user had access, so a repeat counts nothing.</summary>
    static Reply RevokeAccess(HttpContext ctx, Sim sim, Match m) => WithUser(sim, m, (d, u) =>
    {
        if (u.PaidUntil != null)
        {
            sim.Store.V4Directories.Update(d.Id, u.Id, x => x with { PaidUntil = null, UpdatedAt = V4DirectoryBook.Now() });
            sim.Stats.Write(ctx.Request.Path.Value!.TrimEnd('/'));
        }
        return Message(200, "Paid access revoked");
    });

    static Reply SignOn(HttpContext ctx, Sim sim, Match m) => WithUser(sim, m, (d, u) =>
    {
        var token = sim.Store.V4Directories.SsoToken ?? RandomToken();
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("sso_token", token);
            w.WriteString("sso_url", (d.SsoBase ?? d.Url) + "?token=" + token);
            w.WriteEndObject();
        });
    });

    static string RandomToken()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(30, 0, (span, _) => { for (int i = 0; i < span.Length; i++) span[i] = alphabet[Random.Shared.Next(alphabet.Length)]; });
    }

    static Reply SendEmail(HttpContext ctx, Sim sim, Match m) => WithDirectory(sim, m, d =>
    {
        var receiver = Field(ctx, "receiver");
        if (receiver == null) return Message(422, "The receiver field is required.");
        if (!ApiRequest.IsEmail(receiver)) return Message(422, "The receiver field must be a valid email address.");
        var sender = Field(ctx, "sender");
        if (sender != null && !ApiRequest.IsEmail(sender)) return Message(422, "The sender field must be a valid email address.");
        if (Field(ctx, "type") is { } type && type is not ("text" or "html")) return Message(422, "The selected type is invalid.");
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "sent");
            w.WriteString("receiver", receiver);
            w.WriteString("sender", sender ?? sim.Store.V4Directories.DefaultSender);
            w.WriteString("subject", Field(ctx, "subject") ?? d.Name);
            w.WriteString("body", Field(ctx, "body") ?? "Visit " + d.Name + ": " + d.Url);
            w.WriteEndObject();
        });
    });

    static Reply SendSms(HttpContext ctx, Sim sim, Match m) => WithDirectory(sim, m, d =>
    {
        var receiver = Field(ctx, "receiver");
        if (receiver == null) return Message(422, "The receiver field is required.");
        if (!E164.IsMatch(receiver)) return Message(422, "The receiver must be a phone number in E.164 notation (+447911123456).");
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "sent");
            w.WriteString("receiver", receiver);
            w.WriteString("body", Field(ctx, "body") ?? "Visit " + d.Name);
            w.WriteEndObject();
        });
    });

    static Reply UserReply(V4DirectoryUser u) => Json(w => { w.WriteStartObject(); User(w, u); w.WriteEndObject(); });

    static void Directory(Utf8JsonWriter w, V4Directory d, bool withUrl)
    {
        w.WriteNumber("id", d.Id);
        w.WriteString("code", d.Code);
        w.WriteString("name", d.Name);
        Text(w, "description", d.Description);
        Text(w, "preview_image", d.PreviewImage);
        w.WriteString("created_at", d.CreatedAt);
        w.WriteString("updated_at", d.UpdatedAt);
        if (withUrl) w.WriteString("url", d.Url);
    }

    static void User(Utf8JsonWriter w, V4DirectoryUser u)
    {
        w.WriteNumber("id", u.Id);
        w.WriteStartObject("data");
        w.WriteString("email", u.Email);
        Text(w, "first_name", u.FirstName);
        Text(w, "last_name", u.LastName);
        Text(w, "phone", u.Phone);
        Text(w, "birth_date", u.BirthDate);
        Text(w, "address", u.Address);
        Text(w, "zip", u.Zip);
        Text(w, "city", u.City);
        w.WriteNull("country");
        Text(w, "custom_1", u.Custom1);
        Text(w, "custom_2", u.Custom2);
        Text(w, "custom_3", u.Custom3);
        w.WriteEndObject();
        if (u.PaidUntil == null)
        {
            w.WriteNull("subscription");
        }
        else
        {
            // Not printed (every printed user has none): the shape is the simulator's (api/ASSUMED.md).
            w.WriteStartObject("subscription");
            w.WriteString("status", "active");
            Text(w, "expires_at", u.PaidUntil.Length == 0 ? null : u.PaidUntil);
            w.WriteEndObject();
        }
        w.WriteNull("provider");
        w.WriteBoolean("blocked", u.Blocked);
        Text(w, "linked_at", u.LinkedAt);
        w.WriteString("created_at", u.CreatedAt);
        w.WriteString("updated_at", u.UpdatedAt);
    }

    static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value == null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
