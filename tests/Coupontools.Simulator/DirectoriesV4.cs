using System.Globalization;

namespace Coupontools.Simulator;

/// <summary>A v4 directory (REST family): numeric id, code, ISO timestamps. <c>UrlOnGet</c> false for the print that leaves url out of Get directory.</summary>
sealed record V4Directory(long Id, string Code, string Name, string? Description, string? PreviewImage, string CreatedAt, string UpdatedAt, string Url)
{
    public bool UrlOnGet { get; init; } = true;

    /// <summary>Where sign-on links point (the print's SSO link names another code than its directories: api/ASSUMED.md).</summary>
    public string? SsoBase { get; init; }
}

/// <summary>A v4 directory user: the person's fields (data{}), blocked, and the paid access (null: none; "": no end date).</summary>
sealed record V4DirectoryUser(long Id, string Email, string? FirstName, string? LastName, string CreatedAt)
{
    public string? Phone { get; init; }
    public string? BirthDate { get; init; }
    public string? Address { get; init; }
    public string? Zip { get; init; }
    public string? City { get; init; }
    public string? Custom1 { get; init; }
    public string? Custom2 { get; init; }
    public string? Custom3 { get; init; }
    public bool Blocked { get; init; }
    public string? PaidUntil { get; init; }
    public string? LinkedAt { get; init; }
    public string UpdatedAt { get; init; } = CreatedAt;
}

/// <summary>
/// The v4 directories, apart from the legacy ones (the vendor says the generations do not share data). Generated: 3001-3003
/// with 120 users each (ids 7001…); vendor-examples: what the print shows (VendorExamples/Directories.cs).
/// </summary>
sealed class V4DirectoryBook
{
    readonly List<V4Directory> dirs = new();
    readonly Dictionary<long, List<V4DirectoryUser>> users = new();

    public V4DirectoryBook(ulong seed, bool generate)
    {
        if (!generate) return;
        string[] names = ["Promo Deals", "Campus Savings", "VIP Lounge"];
        for (int d = 0; d < names.Length; d++)
        {
            long id = 3001 + d;
            string code = "pd" + (4711 + d).ToString(CultureInfo.InvariantCulture) + "x";
            string created = Iso(1_700_000_000 + d * 86_400L);
            Add(new V4Directory(id, code, names[d], d == 0 ? "Weekly deals of the city" : null, null, created, created, "https://promodeals.app/" + code));
            var list = users[id];
            for (int u = 0; u < 120; u++)
            {
                ulong h = Gen.Hash(seed, (ulong)(d * 1000 + u), 77);
                string first = Gen.Pick(Gen.FirstNames, h), last = Gen.Pick(Gen.LastNames, h >> 20);
                long number = 7001 + d * 1000 + u;
                string at = Iso(1_700_100_000 + d * 86_400L + u * 3_600L);
                list.Add(new V4DirectoryUser(number, $"{first}.{last.Replace(" ", "")}.{number}@example.com".ToLowerInvariant(), first, last, at)
                {
                    LinkedAt = at, Blocked = u % 17 == 5, PaidUntil = u % 5 == 0 ? "2030-12-31T23:59:59.000000Z" : null,
                });
            }
        }
    }

    /// <summary>The sender named when a send by e-mail gives none ("noreply@yourwhitelabeldomain.com" in the print's words).</summary>
    public string DefaultSender { get; set; } = "noreply@promodeals.app";

    /// <summary>The sign-on token of every link, when a data set fixes it (the printed one); otherwise each is random.</summary>
    public string? SsoToken { get; set; }

    public void Add(V4Directory directory)
    {
        lock (users) { dirs.Add(directory); users[directory.Id] = new(); }
    }

    public V4Directory[] All() { lock (users) return dirs.ToArray(); }

    public V4Directory? Find(long id) { lock (users) return dirs.Find(d => d.Id == id); }

    public V4DirectoryUser[] Users(long dir) { lock (users) return users[dir].ToArray(); }

    public V4DirectoryUser? User(long dir, long user) { lock (users) return users[dir].Find(u => u.Id == user); }

    /// <summary>Adds a user with the next id of the directory; null when the e-mail is taken there.</summary>
    public V4DirectoryUser? Create(long dir, Func<long, V4DirectoryUser> make)
    {
        lock (users)
        {
            var list = users[dir];
            var user = make(list.Count == 0 ? 1 : list.Max(u => u.Id) + 1);
            if (list.Any(u => string.Equals(u.Email, user.Email, StringComparison.OrdinalIgnoreCase))) return null;
            list.Add(user);
            return user;
        }
    }

    /// <summary>Replaces a user with what <paramref name="change"/> makes of it; returns the new one (or null when absent).</summary>
    public V4DirectoryUser? Update(long dir, long user, Func<V4DirectoryUser, V4DirectoryUser> change)
    {
        lock (users)
        {
            var list = users[dir];
            int i = list.FindIndex(u => u.Id == user);
            if (i < 0) return null;
            return list[i] = change(list[i]);
        }
    }

    public static string Iso(long unixSeconds) =>
        DateTime.UnixEpoch.AddSeconds(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", CultureInfo.InvariantCulture);

    public static string Now() => Iso(J.NowSeconds());
}
