namespace Coupontools.Simulator;

sealed record LoyaltyCard(string Id, string Name, string Type, bool Active, long Created);

/// <summary>A user as seen on one card: profile plus that card's points, stamps and voided flag.</summary>
sealed record LoyaltyUser(string Id, string Email, string FirstName, string LastName, string Phone, long Points, long Stamps, bool Voided);

/// <summary>Web (v3) loyalty cards (<c>loy_</c> ids), their users (<c>lus_</c>) and users created but not yet linked; all behind one lock.</summary>
sealed class LoyaltyBook
{
    readonly List<LoyaltyCard> cards = new();
    readonly Dictionary<string, List<LoyaltyUser>> members = new();
    readonly Dictionary<string, LoyaltyUser> profiles = new();
    long nextUser = 70001;

    public LoyaltyBook(ulong seed, bool generate)
    {
        if (!generate) return;
        string[] names = ["Coffee Card", "Bakery Points", "Gym Stamps", "Book Club"];
        for (int c = 0; c < 4; c++)
        {
            var card = new LoyaltyCard("loy_" + (2001 + c).ToString(System.Globalization.CultureInfo.InvariantCulture), names[c],
                c % 2 == 0 ? "stamp" : "points", c != 3, 1_706_000_000 + c * 2_592_000L);
            cards.Add(card);
            var users = members[card.Id] = new();
            for (int u = 0; u < 30; u++)
            {
                ulong h = Gen.Hash(seed, (ulong)(c * 100 + u), 41);
                string first = Gen.Pick(Gen.FirstNames, h), last = Gen.Pick(Gen.LastNames, h >> 20);
                string id = "lus_" + (nextUser++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var user = new LoyaltyUser(id, $"{first}.{last.Replace(" ", "")}{u}@example.com".ToLowerInvariant(), first, last,
                    "+3248" + id, card.Type == "points" ? (long)(h >> 40) % 500 : 0, card.Type == "stamp" ? (long)(h >> 40) % 10 : 0, u % 13 == 12);
                users.Add(user);
                profiles[id] = user with { Points = 0, Stamps = 0, Voided = false };
            }
        }
    }

    public LoyaltyCard[] Cards() { lock (members) return cards.ToArray(); }

    public LoyaltyCard? Card(string id) { lock (members) return cards.Find(c => c.Id == id); }

    public LoyaltyUser[] Users(string cardId) { lock (members) return members[cardId].ToArray(); }

    public LoyaltyUser? User(string cardId, string userId) { lock (members) return members[cardId].Find(u => u.Id == userId); }

    public bool ProfileExists(string userId) { lock (members) return profiles.ContainsKey(userId); }

    public LoyaltyUser Update(string cardId, string userId, Func<LoyaltyUser, LoyaltyUser> change)
    {
        lock (members)
        {
            var users = members[cardId];
            int i = users.FindIndex(u => u.Id == userId);
            return users[i] = change(users[i]);
        }
    }

    /// <summary>A new user on no card yet; null when the e-mail is taken.</summary>
    public LoyaltyUser? Create(string email, string first, string last, string phone)
    {
        lock (members)
        {
            if (profiles.Values.Any(p => p.Email.Equals(email, StringComparison.OrdinalIgnoreCase))) return null;
            string id = "lus_" + (nextUser++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return profiles[id] = new LoyaltyUser(id, email, first, last, phone, 0, 0, false);
        }
    }

    /// <summary>Adds a known user to a card; false when already there.</summary>
    public bool Link(string cardId, string userId)
    {
        lock (members)
        {
            var users = members[cardId];
            if (users.Exists(u => u.Id == userId)) return false;
            users.Add(profiles[userId]);
            return true;
        }
    }
}
