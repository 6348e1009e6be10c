using System.Collections.Concurrent;

namespace Coupontools.Simulator;

/// <summary>
/// The data set of one seed. Small lists are built at start; sessions are computed on demand. Session numbers below
/// CreatedBase are generated (one contiguous range per campaign); numbers from CreatedBase up are sessions created
/// through the API and kept in full.
/// </summary>
sealed class Store
{
    public const long CreatedBase = 1L << 30;
    static readonly string[] CampaignNames =
        ["Spring Sale", "Free Coffee", "Summer BBQ", "Welcome Gift", "Black Friday", "Loyalty Bonus",
         "Pizza Tuesday", "Back to School", "Winter Deals", "Birthday Treat", "Flash Sale", "Newsletter Thanks"];
    static readonly string[] TagPool = ["food", "summer", "vip", "newsletter", "instore", "online"];

    readonly object gate = new();
    readonly ConcurrentDictionary<long, Campaign> campaignsByNumber = new();
    readonly ConcurrentDictionary<long, SessionState> created = new();
    readonly Dictionary<string, List<long>> createdIndex = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, long> namedCodes = new(StringComparer.OrdinalIgnoreCase);
    readonly Random rng;
    Campaign[] campaigns = [];
    long nextBase = 1_878_460, nextCreated = CreatedBase - 1, nextCampaign = 1001;
    volatile string mainWebhookUrl = "";

    /// <summary>Generated campaigns' zones in turn: cam_1001 UTC, cam_1002 America/New_York, cam_1003 Europe/Brussels, …</summary>
    static readonly string[] TimeZones = ["UTC", "America/New_York", "Europe/Brussels"];

    public Store(SimOptions o)
    {
        Options = o;
        Seed = (ulong)(uint)o.Seed;
        rng = new Random(o.Seed);
        Folders = [new(401, "Spring"), new(402, "Summer"), new(403, "Retail")];
        Categories = new() { [201] = "Food & Drink", [202] = "Fashion", [203] = "Travel", [204] = "Health & Beauty", [205] = "Electronics" };
        for (int i = 0; i < (o.VendorExamples ? 0 : CampaignNames.Length); i++)
        {
            ulong h = Gen.Hash(Seed, (ulong)i, 5);
            AddCampaign(CampaignNames[i], o.Sessions, active: i % 4 != 3, Folders[i % 3],
                [TagPool[i % TagPool.Length], TagPool[(int)(h % (ulong)TagPool.Length)]], 201 + i % 5,
                owner: i switch { 8 or 9 => 1001, 10 => 1002, 11 => 1003, _ => 0 }).TimeZone = TimeZones[i % TimeZones.Length];
        }
        Subaccounts = new SubaccountBook(Seed, generate: !o.VendorExamples);
        Loyalty = new LoyaltyBook(Seed, generate: !o.VendorExamples);
        Directories = new DirectoryBook(Seed, campaigns, generate: !o.VendorExamples);
        Messaging = o.VendorExamples ? new Messaging() : Messaging.Generated();
        Wallet = o.VendorExamples ? new WalletBook(Seed, generate: false, firstNewCard: 123456, firstNewUser: 123456, firstBulkUser: 123) : new WalletBook(Seed, generate: true);
        V4Directories = new V4DirectoryBook(Seed, generate: !o.VendorExamples);
        if (o.VendorExamples) VendorExamples.Seed(this);
    }

    public SimOptions Options { get; }
    public ulong Seed { get; }
    public Folder[] Folders { get; }
    public Dictionary<long, string> Categories { get; }
    public SubaccountBook Subaccounts { get; }
    public LoyaltyBook Loyalty { get; }
    public DirectoryBook Directories { get; }
    public Messaging Messaging { get; }
    public WalletBook Wallet { get; }
    public V4DirectoryBook V4Directories { get; }
    public ConcurrentDictionary<string, WebhookEvent> Events { get; } = new();

    /// <summary>The last directory_registration event id issued (those ids are plain numbers).</summary>
    public long LastRegistrationEvent = 921;
    public Campaign[] Campaigns => Volatile.Read(ref campaigns);

    public string MainWebhookUrl { get => mainWebhookUrl; set => mainWebhookUrl = value; }

    public Campaign AddCampaign(string name, int sessions, bool active, Folder? folder = null, string[]? tags = null, long category = 201, long owner = 0)
    {
        lock (gate)
        {
            if (nextBase + sessions >= CreatedBase) throw new InvalidOperationException("session number space exhausted");
            long number = nextCampaign++;
            var c = new Campaign
            {
                Number = number, Seed = Seed, Code = NewCampaignCode(number), Name = name, Title = name + " coupon",
                Active = active, Folder = folder ?? Folders[0], Tags = tags ?? [], Category = category, Owner = owner,
                Base = nextBase, GenCount = sessions,
                Start = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() + (number - 1001) * 3 * 86_400,
                Step = Math.Max(1, 300L * 86_400 / Math.Max(1, sessions)),
            };
            nextBase += sessions;
            campaignsByNumber[number] = c;
            Volatile.Write(ref campaigns, [.. campaigns, c]);
            return c;
        }
    }

    /// <summary>Adds a campaign made whole by the caller (the vendor-examples data set); its generated sessions, if any, start at the next free number.</summary>
    public Campaign AddCampaign(Func<long, Campaign> make)
    {
        lock (gate)
        {
            var c = make(nextBase);
            if (campaignsByNumber.ContainsKey(c.Number)) throw new InvalidOperationException("campaign number in use: " + c.Number);
            nextBase += c.GenCount;
            campaignsByNumber[c.Number] = c;
            Volatile.Write(ref campaigns, [.. campaigns, c]);
            return c;
        }
    }

    /// <summary>
    /// Registers a session code that is not made from its number (a code printed in the vendor's examples), or a
    /// second spelling of one: FindSession then finds the session under that code and shows it with that code.
    /// </summary>
    public void NameSession(string code, long n) => namedCodes[code] = n;

    string NewCampaignCode(long number)
    {
        for (ulong salt = 0; ; salt++)
        {
            string code = Gen.SessionCode(Gen.Hash(Seed, (ulong)number, 900 + salt), number)[6..12];
            if (!campaignsByNumber.Values.Any(c => c.Code == code)) return code;
        }
    }

    public Campaign? FindCampaign(long number) => campaignsByNumber.GetValueOrDefault(number);

    public Folder? FindFolder(string idOrName) =>
        Folders.FirstOrDefault(f => f.Name.Equals(idOrName, StringComparison.OrdinalIgnoreCase) || f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == idOrName);

    public SessionState? Created(long n) => created.GetValueOrDefault(n);

    /// <summary>Any session (also removed ones) by global number.</summary>
    public SessionState? ByNumber(long n)
    {
        if (n >= CreatedBase) return Created(n);
        var list = Campaigns;
        int lo = 0, hi = list.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (list[mid].Base <= n) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        if (found < 0) return null;
        var c = list[found];
        return n < c.Base + c.GenCount ? c.Generated((int)(n - c.Base)) : null;
    }

    /// <summary>A visible session by its 21-character code or its first 6 characters.</summary>
    public SessionState? FindSession(string code)
    {
        if (namedCodes.TryGetValue(code, out long named))
        {
            var found = ByNumber(named);
            return found == null || found.Removed ? null : found.Code == code ? found : found with { Code = code };
        }
        if (code.Length != 6 && code.Length != 21) return null;
        long n = Gen.DecodeSession(Seed, code);
        var s = n < 0 ? null : ByNumber(n);
        if (s == null || s.Removed) return null;
        return code.Length == 6 || s.Code.Equals(code, StringComparison.OrdinalIgnoreCase) ? s : null;
    }

    /// <summary>Applies a change to the current state of a session; returns (new state, changed).</summary>
    public (SessionState State, bool Changed) Change(SessionState s, Func<SessionState, SessionState> change)
    {
        var c = s.Campaign;
        lock (c.Gate)
        {
            var current = ByNumber(s.N)!;
            var next = change(current);
            if (next == current) return (current, false);
            if (next.N >= CreatedBase) created[next.N] = next;
            else c.SetOverride((int)(next.N - c.Base), next);
            return (next, true);
        }
    }

    /// <summary>Creates sessions in a campaign (made by number); the caller may hold c.Gate for check-then-create.</summary>
    public List<SessionState> CreateSessions(Campaign c, int count, Func<long, SessionState> make)
    {
        var list = new List<SessionState>(count);
        lock (c.Gate)
        {
            for (int i = 0; i < count; i++)
            {
                var s = make(Interlocked.Increment(ref nextCreated));
                created[s.N] = s;
                list.Add(s);
            }
            c.AddCreated(list.Select(s => s.N));
        }
        lock (createdIndex)
            foreach (var s in list)
                foreach (var (field, value) in Searchable(s))
                    if (value.Length > 0)
                    {
                        if (!createdIndex.TryGetValue(field + ":" + value, out var ns)) createdIndex[field + ":" + value] = ns = new();
                        ns.Add(s.N);
                    }
        return list;
    }

    public string NewSessionCode(long n) => Gen.SessionCode(Seed, n);

    static IEnumerable<(string Field, string Value)> Searchable(SessionState s) =>
        [("email", s.Email), ("phone", s.Phone), ("customid", s.CustomId), ("own_validation_code", s.OwnCode)];

    /// <summary>Visible sessions whose field equals value (case-insensitive), optionally in one campaign.</summary>
    public List<SessionState> Search(string field, string value, Campaign? within)
    {
        var numbers = new List<long>();
        long g = SessionGen.NumberIn(field, value);
        if (g >= 0 && g < CreatedBase) numbers.Add(g);
        lock (createdIndex)
            if (createdIndex.TryGetValue(field + ":" + value, out var ns)) numbers.AddRange(ns);
        return numbers.Distinct().Select(ByNumber)
            .Where(s => s is { Removed: false } && (within == null || s.Campaign == within)
                && Searchable(s).Any(f => f.Field == field && f.Value.Equals(value, StringComparison.OrdinalIgnoreCase)))
            .Select(s => s!).ToList();
    }

    public string Random62(int length) { lock (rng) return Gen.Random62(rng, length); }
    public string RandomFrom(string alphabet, int length) { lock (rng) return Gen.RandomFrom(rng, alphabet, length); }

    /// <summary>Deliveries for a subaccount's campaign go to its webhook_endpoint, others to the control-registered URL.</summary>
    public string WebhookUrlFor(Campaign c) =>
        c.Owner == 0 ? MainWebhookUrl : Subaccounts.Find(c.Owner)?.WebhookEndpoint ?? "";
}

sealed record WebhookEvent(string Id, string Type, string Date, string Campaign, string Session)
{
    /// <summary>The delivered JSON (Webhooks.Payload).</summary>
    public string Body { get; init; } = "";
}
