namespace Coupontools.Simulator;

sealed record DirectoryInfo(long Number, string Name, string Url, long[] Campaigns)
{
    public string Id => "dir_" + Number;
}

sealed record DirectoryUser(long Number, string Email, string FirstName, string LastName, bool Paid, long Registered)
{
    public string Id => "reg_" + Number;
}

/// <summary>Directories with 250 registered users each, newest first.</summary>
sealed class DirectoryBook
{
    readonly List<DirectoryInfo> dirs = new();
    readonly Dictionary<long, DirectoryUser[]> users = new();

    public DirectoryBook(ulong seed, Campaign[] campaigns, bool generate)
    {
        if (!generate) return;
        string[] names = ["City Deals", "Student Perks", "Members Club"];
        for (int d = 0; d < 3; d++)
        {
            long number = 3001 + d;
            var dir = new DirectoryInfo(number, names[d], "https://digicpn.com/d/" + names[d].ToLowerInvariant().Replace(' ', '-'),
                campaigns.Where((c, i) => i % 3 == d).Select(c => c.Number).ToArray());
            dirs.Add(dir);
            var list = new DirectoryUser[250];
            long newest = 1_760_000_000 - d * 86_400L;
            for (int u = 0; u < list.Length; u++)
            {
                ulong h = Gen.Hash(seed, (ulong)(d * 1000 + u), 51);
                string first = Gen.Pick(Gen.FirstNames, h), last = Gen.Pick(Gen.LastNames, h >> 20);
                long reg = 5_000_000 + number % 100 * 1000 + 250 - u;
                list[u] = new DirectoryUser(reg, $"{first}.{last.Replace(" ", "")}.{reg}@example.com".ToLowerInvariant(), first, last,
                    (h >> 40) % 3 != 0, newest - u * 3_600L - (long)(h % 3_000));
            }
            users[number] = list;
        }
    }

    public DirectoryInfo[] All() { lock (users) return dirs.ToArray(); }

    public DirectoryInfo? Find(long number) { lock (users) return dirs.Find(d => d.Number == number); }

    public DirectoryUser[] Users(long dir) { lock (users) return users[dir]; }

    /// <summary>Sets a user's payment status; null when the user is not in the directory.</summary>
    public (DirectoryUser User, bool Changed)? SetPaid(long dir, long user, bool paid)
    {
        lock (users)
        {
            var list = users[dir];
            int i = Array.FindIndex(list, u => u.Number == user);
            if (i < 0) return null;
            if (list[i].Paid == paid) return (list[i], false);
            var copy = (DirectoryUser[])list.Clone();
            copy[i] = list[i] with { Paid = paid };
            users[dir] = copy;
            return (copy[i], true);
        }
    }
}
