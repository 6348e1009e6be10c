using System.Globalization;

namespace Coupontools.Simulator;

/// <summary>
/// The coupon sessions of the 2025 examples. The campaign-data and session-data examples print one session as
/// kkfiznr8gp8630h82es8d and kkfiznr8Yp8630h82es8d (a typo, inconsistency 8): one session answering to both codes.
/// The other sessions were created later (2019-04-10), so a campaign-data request for 2019-03-25 lists only the first.
/// </summary>
static partial class VendorExamples
{
    static partial void SeedSessions(Store store)
    {
        var sessions = store.FindCampaign(SessionCampaign)!;
        long created = Utc("2019-03-25 10:43:50"), claimed = Utc("2019-03-25 10:44:05"), later = Utc("2019-04-10 09:00:00");
        Add(store, sessions, "kkfiznr8gp8630h82es8d", 19_878_460, s => s with
        {
            Created = created, Claimed = claimed, Unvoided = claimed, OwnCode = "ding_COdHepKvqNrNC8OU",
        }, alias: "kkfiznr8Yp8630h82es8d");
        Add(store, sessions, "et4ufwqsnqc8r9ckrki6m", 19_878_461, s => s with { Created = later });
        Add(store, sessions, "ac6s7u3g8a25ja7x9qg87", 19_878_462, s => s with { Created = later });

        var search = store.FindCampaign(SearchCampaign)!;
        Add(store, search, "rg4u1ka3sncb5hrxyhtiw", 19_878_463, s => s with
        {
            Created = created, Claimed = claimed, OwnCode = "1020402010203040053",
        });

        // The batch-update example validates "from sequence 1000000 on" in cam_123456 and updates 3 sessions.
        var listed = store.FindCampaign(ListedCampaign)!;
        for (int i = 0; i < 3; i++)
            Add(store, listed, "batchexample" + i.ToString("000000000", CultureInfo.InvariantCulture), 1_000_000 + i, s => s with { Created = later });
    }

    static void Add(Store store, Campaign c, string code, long sequence, Func<SessionState, SessionState> fill, string? alias = null)
    {
        var s = store.CreateSessions(c, 1, n => fill(new SessionState { N = n, Campaign = c, Code = code, Sequence = sequence }))[0];
        store.NameSession(code, s.N);
        if (alias != null) store.NameSession(alias, s.N);
    }

    static long Utc(string text) => new DateTimeOffset(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.Zero).ToUnixTimeSeconds();
}
