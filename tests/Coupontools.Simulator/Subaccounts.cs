namespace Coupontools.Simulator;

sealed record Subaccount
{
    public required long Number { get; init; }
    public required string Email { get; init; }
    public string Language { get; init; } = "en";
    public string LastLogin { get; init; } = "";
    public long AmountLogin { get; init; } = 5;
    public string Currency { get; init; } = "EUR";
    public long MaxCampaigns { get; init; } = 4;
    public string ExpiryDate { get; init; } = "";
    public required string ApiKey { get; init; }
    public required string ApiSecret { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string CompanyName { get; init; } = "";
    public string Username { get; init; } = "";
    public string WebhookEndpoint { get; init; } = "";
    public string Status { get; init; } = "customer";
    public string Country { get; init; } = "";
    public string Package { get; init; } = "";
    public string Password { get; init; } = "";
    public bool AccessDashboard { get; init; } = true;
    public bool AccessDirectory { get; init; }
    public bool AccessLoyalty { get; init; } = true;
    public bool AccessStatistics { get; init; } = true;
    /// <summary>
    /// A subaccount of the vendor's examples: its campaigns are the printed ones (the examples give campaigns that
    /// contradict the coupon list's), and its reply ends where the printed box ends (no legacy keys after campaigns).
    /// </summary>
    public IReadOnlyList<PrintedCampaign>? Printed { get; init; }
    /// <summary>The sign-on token the vendor printed, so the example SSO reply is reproducible; null: a random one each time.</summary>
    public string? SsoToken { get; init; }

    public string Id => "sub_" + Number;
}

/// <summary>A campaign as a vendor example prints it in a subaccount; <see cref="InList"/> false: only the info example shows it.</summary>
sealed record PrintedCampaign(string Id, string Code, string? Url, string? Status, bool InList = true);

/// <summary>A teammate: its numeric id and the <c>ID</c> its sign-on reply carries (the print shows a sub_ id).</summary>
sealed record Teammate(long Number, string ReplyId, string? SsoToken = null);

/// <summary>The subaccounts; copy-on-write records behind one lock.</summary>
sealed class SubaccountBook
{
    readonly List<Subaccount> list = new();
    readonly Random rng;

    public SubaccountBook(ulong seed, bool generate)
    {
        rng = new Random((int)Gen.Hash(seed, 31));
        if (!generate) return;
        Teammates.AddRange([new(9001, "sub_9001"), new(9002, "sub_9002"), new(9003, "sub_9003")]);
        string[] companies = ["Bakery Peeters", "Fit & Fun Gym", "Cafe Luca", "Bookshop Annaert", "Garage Maes"];
        for (int i = 0; i < 5; i++)
        {
            string first = Gen.FirstNames[(i * 3 + 2) % Gen.FirstNames.Length], last = Gen.LastNames[i * 2 % Gen.LastNames.Length];
            list.Add(NewRecord(1001 + i, $"{first}.{last}@example.com".ToLowerInvariant()) with
            {
                LastLogin = $"2025-0{i + 1}-1{i} 0{i}:29:00",
                ExpiryDate = $"202{6 + i % 2}-12-31",
                Currency = i % 2 == 0 ? "EUR" : "USD",
                FirstName = first,
                LastName = last,
                CompanyName = companies[i],
                Username = first + last.Replace(" ", ""),
                AccessDirectory = i % 2 == 1,
                Status = i == 4 ? "trial" : "customer",
                Country = i % 2 == 0 ? "BE" : "NL",
            });
        }
    }

    Subaccount NewRecord(long number, string email) => new()
    {
        Number = number,
        Email = email,
        ApiKey = Gen.RandomFrom(rng, "0123456789", 27),
        ApiSecret = Gen.Random62(rng, 30),
    };

    /// <summary>The teammates /v3/teammate/sso knows; filled once at start.</summary>
    public List<Teammate> Teammates { get; } = new();

    /// <summary>The number the next created subaccount gets at least (the vendor examples create sub_123456).</summary>
    public long NextNumber { get; set; }

    /// <summary>Adds a seeded subaccount (the vendor examples); its API key and secret are generated.</summary>
    public Subaccount Add(long number, string email, Func<Subaccount, Subaccount> fill)
    {
        lock (list)
        {
            var s = fill(NewRecord(number, email));
            list.Add(s);
            return s;
        }
    }

    public Subaccount[] All() { lock (list) return list.ToArray(); }

    public Subaccount? Find(long number) { lock (list) return list.Find(s => s.Number == number); }

    public Subaccount? ByCredentials(string key, string secret)
    {
        lock (list) return list.Find(s => s.ApiKey == key && s.ApiSecret == secret);
    }

    public bool EmailTaken(string email, long except)
    {
        lock (list) return list.Exists(s => s.Number != except && s.Email.Equals(email, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Creates a subaccount; null when the e-mail is taken (checked under the same lock).</summary>
    public Subaccount? Create(string email, Func<Subaccount, Subaccount> fill)
    {
        lock (list)
        {
            if (EmailTaken(email, 0)) return null;
            var s = fill(NewRecord(Math.Max(NextNumber, list.Count == 0 ? 1 : list.Max(x => x.Number) + 1), email));
            list.Add(s);
            return s;
        }
    }

    /// <summary>Replaces a subaccount; null when the new e-mail belongs to another one.</summary>
    public Subaccount? Update(long number, Func<Subaccount, Subaccount> change)
    {
        lock (list)
        {
            int i = list.FindIndex(s => s.Number == number);
            var next = change(list[i]);
            if (EmailTaken(next.Email, number)) return null;
            list[i] = next;
            return next;
        }
    }
}
