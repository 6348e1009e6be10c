namespace Coupontools.Simulator;

/// <summary>A wallet (v4) loyalty card. <paramref name="UrlCode"/> is the card's part of its users' download URLs.</summary>
sealed record WalletCard(long Id, string Code, string Name, string Domain, string Type, string UrlCode, bool InList = true);

/// <summary>A reward a wallet user earned: used, expired, or still to use.</summary>
sealed record WalletReward(long Id, string Name, string AddedAt, string? ExpiredAt = null, string? UsedAt = null);

/// <summary>
/// A user ("stat") of a wallet card. <see cref="Data"/> holds the wire fields first_name … custom_8 (empty = not
/// set; unset custom fields are left out of replies, as the printed Get user reply does).
/// </summary>
sealed record WalletUser(long Id, string Code, IReadOnlyDictionary<string, string> Data, long Stamps, string CreatedAt,
    string? VoidedAt = null, string? ExpiredAt = null, IReadOnlyList<WalletReward>? Rewards = null)
{
    public static readonly string[] Fields =
        ["first_name", "last_name", "address", "zip", "city", "phone", "email", "custom_1", "custom_2", "custom_3", "custom_4", "custom_5", "custom_6", "custom_7", "custom_8"];

    public string this[string field] => Data.TryGetValue(field, out var value) ? value : "";

    public IReadOnlyList<WalletReward> AllRewards => Rewards ?? [];
}

/// <summary>Wallet loyalty cards and their users (ids per card, as the examples print them); all behind one lock.</summary>
sealed class WalletBook
{
    readonly List<WalletCard> cards = new();
    readonly Dictionary<long, List<WalletUser>> users = new();
    long nextCard;
    long nextUser;
    long? nextBulkUser;

    public WalletBook(ulong seed, bool generate, long firstNewCard = 5001, long firstNewUser = 80001, long? firstBulkUser = null)
    {
        nextCard = firstNewCard;
        nextUser = firstNewUser;
        nextBulkUser = firstBulkUser;
        if (!generate) return;
        // The same numbers as the web cards' (loy_2001, lus_70001), as a real account's two generations could have.
        string[] names = ["Coffee Wallet Card", "Smoothie Stamps", "VIP Membership"];
        string[] types = ["stamp", "stamp", "membership"];
        long userId = 70001;
        for (int c = 0; c < names.Length; c++)
        {
            var card = Add(new WalletCard(2001 + c, Code(Gen.Hash(seed, (ulong)c, 43), 6), names[c], "save2wallet.link", types[c], Code(Gen.Hash(seed, (ulong)c, 44), 6)));
            for (int u = 0; u < 25; u++)
            {
                ulong h = Gen.Hash(seed, (ulong)(c * 100 + u), 45);
                string first = Gen.Pick(Gen.FirstNames, h), last = Gen.Pick(Gen.LastNames, h >> 20);
                var data = new Dictionary<string, string>
                {
                    ["first_name"] = first, ["last_name"] = last, ["city"] = "Ghent", ["zip"] = "9000",
                    ["phone"] = "+3247" + userId, ["email"] = $"{first}.{last.Replace(" ", "")}{u}@example.com".ToLowerInvariant(),
                };
                var created = $"2025-0{1 + u % 9}-1{u % 10} 10:{10 + u:00}:00";
                var user = new WalletUser(userId++, Code(h, 21), data, card.Type == "stamp" ? (long)(h >> 40) % 10 : 0, created,
                    VoidedAt: u % 11 == 10 ? "2025-10-01 09:00:00" : null,
                    Rewards: u % 4 == 0 ? [new WalletReward(u + 1, "Free coffee", created), new WalletReward(u + 100, "Free muffin", created, UsedAt: "2025-11-02 12:00:00")] : null);
                users[card.Id].Add(user);
            }
        }
    }

    public WalletCard Add(WalletCard card)
    {
        lock (users)
        {
            cards.Add(card);
            users[card.Id] = new();
            return card;
        }
    }

    public void AddUser(long cardId, WalletUser user) { lock (users) users[cardId].Add(user); }

    public WalletCard[] Cards() { lock (users) return cards.Where(c => c.InList).ToArray(); }

    public WalletCard? Card(long id) { lock (users) return cards.Find(c => c.Id == id); }

    public WalletUser[] Users(long cardId) { lock (users) return users[cardId].ToArray(); }

    public WalletUser? User(long cardId, long userId) { lock (users) return users[cardId].Find(u => u.Id == userId); }

    /// <summary>A copy of a card under a new id and code.</summary>
    public WalletCard Copy(WalletCard card, string? name, string code)
    {
        lock (users)
        {
            while (cards.Exists(c => c.Id == nextCard)) nextCard++;
            return Add(card with { Id = nextCard++, Code = code, Name = name ?? card.Name, InList = true });
        }
    }

    /// <summary>
    /// A new user on a card. Users made by the bulk call take their ids from their own sequence when the data set
    /// has one (the vendor examples print 123456 for one user made alone and 123, 124 for two made in bulk).
    /// </summary>
    public WalletUser Create(long cardId, IReadOnlyDictionary<string, string> data, string code, string createdAt, bool bulk)
    {
        lock (users)
        {
            var list = users[cardId];
            long id;
            if (bulk && nextBulkUser != null)
            {
                while (list.Exists(u => u.Id == nextBulkUser)) nextBulkUser++;
                id = nextBulkUser.Value;
                nextBulkUser++;
            }
            else
            {
                while (list.Exists(u => u.Id == nextUser)) nextUser++;
                id = nextUser++;
            }

            var user = new WalletUser(id, code, data, 0, createdAt);
            list.Add(user);
            return user;
        }
    }

    public WalletUser Update(long cardId, long userId, Func<WalletUser, WalletUser> change)
    {
        lock (users)
        {
            var list = users[cardId];
            int i = list.FindIndex(u => u.Id == userId);
            return list[i] = change(list[i]);
        }
    }

    /// <summary>A code of lower-case letters and digits, as the examples print (card codes 6, user codes 21).</summary>
    public static string Code(ulong h, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            if (i % 12 == 0) h = Gen.Hash(h, (ulong)i);
            chars[i] = alphabet[(int)(h % 36)];
            h /= 36;
        }
        return new string(chars);
    }

    public bool Remove(long cardId, long userId) { lock (users) return users[cardId].RemoveAll(u => u.Id == userId) > 0; }
}
