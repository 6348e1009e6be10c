namespace Coupontools.Simulator;

sealed record SmsContact(string Phone, string FirstName, string LastName);

/// <summary>SMS tool groups (documented example groups) and their contacts.</summary>
sealed class SmsBook
{
    readonly List<(string Id, string Name, List<SmsContact> Contacts)> groups =
    [
        ("gro_123456", "Subscribers keyword pizza", [new("+32470000001", "Anna", "Peeters"), new("+32470000002", "Luca", "Maes")]),
        ("gro_1243434", "Subscribers keyword burger", [new("+32470000003", "Emma", "Claes")]),
    ];
    long next = 1243435;

    public (string Id, string Name)[] Groups() { lock (groups) return groups.Select(g => (g.Id, g.Name)).ToArray(); }

    public SmsContact[]? Contacts(string id) { lock (groups) return groups.Find(g => g.Id == "gro_" + id.Replace("gro_", "")).Contacts?.ToArray(); }

    public string AddGroup(string name)
    {
        lock (groups)
        {
            string id = "gro_" + next++;
            groups.Add((id, name, new()));
            return id;
        }
    }

    public bool AddContact(string id, SmsContact contact)
    {
        lock (groups)
        {
            var g = groups.Find(g => g.Id == "gro_" + id.Replace("gro_", ""));
            if (g.Contacts == null) return false;
            g.Contacts.Add(contact);
            return true;
        }
    }
}
