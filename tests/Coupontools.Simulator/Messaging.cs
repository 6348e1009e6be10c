namespace Coupontools.Simulator;

/// <summary>A contact of the SMS or e-mail tool. Custom holds customfield1-7 (SMS) or custom1-10 (e-mail).</summary>
sealed record SimContact(string Id, string Phone, string Email, string FirstName, string LastName, string[] Custom,
    bool Unsubscribed = false, string? UnsubscribedDate = null);

/// <summary>
/// The groups of one tool (SMS or e-mail) and whether the account has that integration: off, every call of the tool
/// (and the matching send) answers 103 (SMS) or 104/103 (e-mail), as the 2025 print lists.
/// </summary>
sealed class ContactBook(string channel)
{
    /// <summary>ListedAs: the name userlist prints, where the vendor's example differs from grouplist's.</summary>
    readonly List<(long Number, string Name, string? ListedAs, List<SimContact> Contacts)> groups = [];
    long nextGroup = 119251, nextContact = 12345678;

    public string Channel { get; } = channel;
    public volatile bool Enabled = true;

    /// <summary>103 for the tools of both channels: "Your account is not connected with the Coupontools SMS/Email services".</summary>
    public void RequireEnabled()
    {
        if (!Enabled) throw new ApiError(103, $"Your account is not connected with the Coupontools {Channel} services");
    }

    public void Add(long number, string name, string? listedAs, params SimContact[] contacts)
    {
        lock (groups) groups.Add((number, name, listedAs, [.. contacts]));
    }

    public (string Id, string Name)[] Groups() { lock (groups) return groups.Select(g => ("gro_" + g.Number, g.Name)).ToArray(); }

    public (string Name, SimContact[] Contacts)? Find(long number)
    {
        lock (groups)
        {
            int i = groups.FindIndex(g => g.Number == number);
            return i < 0 ? null : (groups[i].ListedAs ?? groups[i].Name, groups[i].Contacts.ToArray());
        }
    }

    public long AddGroup(string name)
    {
        lock (groups)
        {
            long number = nextGroup++;
            groups.Add((number, name, null, []));
            return number;
        }
    }

    /// <summary>Adds a contact with a new con_ id; false when the group does not exist.</summary>
    public SimContact? AddContact(long group, Func<string, SimContact> make)
    {
        lock (groups)
        {
            int i = groups.FindIndex(g => g.Number == group);
            if (i < 0) return null;
            var contact = make("con_" + nextContact++);
            groups[i].Contacts.Add(contact);
            return contact;
        }
    }

    /// <summary>True when a contact with these digits unsubscribed from any group (the opt-out list behind error 605).</summary>
    public bool OptedOut(string phone)
    {
        string digits = Digits(phone);
        lock (groups) return groups.Any(g => g.Contacts.Any(c => c.Unsubscribed && Digits(c.Phone) == digits));
    }

    public static string Digits(string phone) => new(phone.Where(char.IsAsciiDigit).ToArray());
}

/// <summary>The SMS and e-mail tools of the account, and the e-mail addresses each campaign was already sent to (check_unique).</summary>
sealed class Messaging
{
    readonly Dictionary<string, SessionState> emailed = new(StringComparer.OrdinalIgnoreCase);

    public ContactBook Sms { get; } = new("SMS");
    public ContactBook Email { get; } = new("Email");

    public SessionState? EmailedBefore(Campaign c, string email) { lock (emailed) return emailed.GetValueOrDefault(c.Id + "|" + email); }

    public void RecordEmail(Campaign c, string email, SessionState session) { lock (emailed) emailed.TryAdd(c.Id + "|" + email, session); }

    /// <summary>The default data set: two groups per tool, one unsubscribed SMS contact (on the opt-out list).</summary>
    public static Messaging Generated()
    {
        var m = new Messaging();
        string[] none = [];
        m.Sms.Add(123456, "Subscribers keyword pizza", null,
            new("con_2001", "32470000001", "", "Anna", "Peeters", none),
            new("con_2002", "32470000002", "", "Luca", "Maes", none),
            new("con_2003", "32470000009", "", "Ruben", "Wouters", none, true, "13/07/2025 19:47 UTC"));
        m.Sms.Add(1243434, "Subscribers keyword burger", null, new SimContact("con_2004", "32470000003", "", "Emma", "Claes", none));
        m.Email.Add(5001, "Newsletter", null,
            new("con_3001", "", "anna.peeters@example.com", "Anna", "Peeters", none),
            new("con_3002", "", "luca.maes@example.com", "Luca", "Maes", none, true, "02/11/2025 08:15 UTC"));
        m.Email.Add(5002, "Customers", null, new SimContact("con_3003", "", "emma.claes@example.com", "Emma", "Claes", none));
        return m;
    }
}
