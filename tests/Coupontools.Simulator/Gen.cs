namespace Coupontools.Simulator;

/// <summary>Deterministic hashing and the reversible session-code scheme.</summary>
static class Gen
{
    const string Lower36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    const string Alnum62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static readonly string[] FirstNames =
        ["Anna", "Johanna", "Peter", "Hannah", "Luca", "Sofia", "Mila", "Noah", "Emma", "Liam", "Susanna", "Marc", "Julia", "Tom", "Sara", "David"];
    public static readonly string[] LastNames =
        ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "Dubois", "Lambert", "Annaert", "Smith"];

    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Hash(ulong a, ulong b) => Mix(Mix(a) ^ b);
    public static ulong Hash(ulong a, ulong b, ulong c) => Mix(Hash(a, b) ^ (c * 0x632BE59BD9B4E019UL));

    public static string Pick(string[] list, ulong h) => list[(int)(h % (ulong)list.Length)];

    /// <summary>
    /// Session code of global session number n (below 2^31): the first 6 characters are base-36 of a keyed 31-bit
    /// permutation of n, so both the 21-character code and its 6-character prefix decode back to n.
    /// </summary>
    public static string SessionCode(ulong seed, long n)
    {
        Span<char> c = stackalloc char[21];
        uint v = Permute(seed, (uint)n);
        for (int i = 5; i >= 0; i--) { c[i] = Lower36[(int)(v % 36)]; v /= 36; }
        ulong h = Hash(seed, (ulong)n, 77);
        for (int i = 6; i < 21; i++)
        {
            if (i == 14) h = Hash(seed, (ulong)n, 78);
            c[i] = Lower36[(int)(h % 36)];
            h /= 36;
        }
        return new string(c);
    }

    /// <summary>Global session number encoded in the first 6 characters, or -1.</summary>
    public static long DecodeSession(ulong seed, string code)
    {
        if (code.Length < 6) return -1;
        ulong v = 0;
        for (int i = 0; i < 6; i++)
        {
            int d = Lower36.IndexOf(char.ToLowerInvariant(code[i]));
            if (d < 0) return -1;
            v = v * 36 + (ulong)d;
        }
        return v < 1UL << 31 ? Unpermute(seed, (uint)v) : -1;
    }

    public static string Base36Upper(long n, int width)
    {
        Span<char> c = stackalloc char[13];
        int i = c.Length;
        do { c[--i] = char.ToUpperInvariant(Lower36[(int)(n % 36)]); n /= 36; } while (n > 0);
        while (c.Length - i < width) c[--i] = '0';
        return new string(c[i..]);
    }

    public static long ParseBase36(string s)
    {
        long v = 0;
        foreach (char ch in s)
        {
            int d = Lower36.IndexOf(char.ToLowerInvariant(ch));
            if (d < 0 || v > long.MaxValue / 40) return -1;
            v = v * 36 + d;
        }
        return v;
    }

    public static string Random62(Random rng, int length)
    {
        var c = new char[length];
        for (int i = 0; i < length; i++) c[i] = Alnum62[rng.Next(Alnum62.Length)];
        return new string(c);
    }

    public static string RandomFrom(Random rng, string alphabet, int length)
    {
        var c = new char[length];
        for (int i = 0; i < length; i++) c[i] = alphabet[rng.Next(alphabet.Length)];
        return new string(c);
    }

    // A balanced 16/16 Feistel network over 32 bits, cycle-walked into [0, 2^31).
    static uint Permute(ulong seed, uint v)
    {
        do v = Feistel(seed, v, false); while (v >= 1u << 31);
        return v;
    }

    static long Unpermute(ulong seed, uint v)
    {
        do v = Feistel(seed, v, true); while (v >= 1u << 31);
        return v;
    }

    static uint Feistel(ulong seed, uint v, bool inverse)
    {
        uint l = v >> 16, r = v & 0xFFFF;
        for (int k = 0; k < 4; k++)
        {
            int round = inverse ? 3 - k : k;
            if (!inverse) (l, r) = (r, l ^ Round(seed, r, round));
            else (l, r) = (r ^ Round(seed, l, round), l);
        }
        return (l << 16) | r;
    }

    static uint Round(ulong seed, uint x, int round) => (uint)(Hash(seed, x, (ulong)round + 1000) & 0xFFFF);
}
