using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell
{
    /// <summary>
    /// Completes ids of one kind from the list endpoint of the connection in use (the command's
    /// <c>-Connection</c>, or the current one): the id is the completion text, the name is in the
    /// tooltip. What was typed filters by id (with or without its prefix) or by name (a wildcard
    /// pattern, <c>*</c> appended). One request at most per connection and kind every
    /// <see cref="CacheTime"/>, with a <see cref="RequestTimeout"/> and no retries; offline,
    /// disconnected or failing, it offers nothing and never throws, so the command line is never broken.
    /// </summary>
    public abstract class IdCompleter : IArgumentCompleter
    {
        /// <summary>How long a fetched list is reused for the same connection.</summary>
        public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(60);

        /// <summary>How long a failed fetch is remembered, so an offline Tab does not wait again at once.</summary>
        public static readonly TimeSpan FailureCacheTime = TimeSpan.FromSeconds(10);

        /// <summary>The longest a completion waits for the API.</summary>
        public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

        private const int MaxResults = 200;
        private static readonly ConcurrentDictionary<string, CacheEntry> Cache = new ConcurrentDictionary<string, CacheEntry>(StringComparer.Ordinal);

        private readonly IdKind kind;
        private readonly Endpoint listEndpoint;
        private readonly string arrayName;
        private readonly Endpoint? restListEndpoint;

        /// <param name="kind">The kind of id completed.</param>
        /// <param name="listEndpoint">The list endpoint that returns every id of the kind.</param>
        /// <param name="arrayName">The array of the list reply that holds the items.</param>
        protected IdCompleter(IdKind kind, Endpoint listEndpoint, string arrayName)
        {
            this.kind = kind;
            this.listEndpoint = listEndpoint;
            this.arrayName = arrayName;
        }

        /// <param name="kind">The kind of id completed.</param>
        /// <param name="listEndpoint">The list endpoint of the first product generation (v3 envelope).</param>
        /// <param name="arrayName">The array of that list reply that holds the items.</param>
        /// <param name="restListEndpoint">
        /// The list of the second generation (v4 REST, a bare array of objects with <c>id</c> and <c>name</c>): its ids
        /// are offered too. Either list may fail (an account without that generation); only both failing count as a failure.
        /// </param>
        protected IdCompleter(IdKind kind, Endpoint listEndpoint, string arrayName, Endpoint restListEndpoint)
            : this(kind, listEndpoint, arrayName)
        {
            this.restListEndpoint = restListEndpoint;
        }

        /// <summary>The words shown for an item: its name by default.</summary>
        protected virtual string? NameOf(JObject item) => Text(item, "name");

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = ConnectionOf(fakeBoundParameters);
                if (connection == null || connection.IsDisposed)
                {
                    return Array.Empty<CompletionResult>();
                }

                var (word, quote) = Unquote(wordToComplete);
                return Filter(Items(connection), word)
                    .Take(MaxResults)
                    .Select(item => new CompletionResult(
                        quote + item.Id + quote,
                        string.IsNullOrEmpty(item.Name) ? item.Id : $"{item.Id}  {item.Name}",
                        CompletionResultType.ParameterValue,
                        string.IsNullOrEmpty(item.Name) ? item.Id : $"{item.Name} ({item.Id})"))
                    .ToList();
            }
            catch (Exception)
            {
                // Completion must never break the line being typed: no connection, no network, a
                // strange reply - all mean "no suggestions".
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>Forgets every cached list (Disconnect-CtAccount, tests).</summary>
        public static void ClearCache() => Cache.Clear();

        internal static string? Text(JObject item, string name)
        {
            var value = item.GetValue(name, StringComparison.OrdinalIgnoreCase);
            var text = value == null || value.Type == JTokenType.Null ? null : value.ToString().Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        private static Connection? ConnectionOf(IDictionary? fakeBoundParameters)
        {
            if (fakeBoundParameters != null && fakeBoundParameters.Contains("Connection"))
            {
                var value = fakeBoundParameters["Connection"];
                if ((value is PSObject wrapped ? wrapped.BaseObject : value) is Connection given)
                {
                    return given;
                }
            }

            return ConnectionStore.Current;
        }

        private static (string Word, string Quote) Unquote(string? word)
        {
            var text = word ?? string.Empty;
            var quote = text.Length > 0 && (text[0] == '\'' || text[0] == '"') ? text[0].ToString() : string.Empty;
            text = text.Trim('\'', '"');
            return (text, quote);
        }

        private IEnumerable<IdName> Filter(IReadOnlyList<IdName> items, string word)
        {
            if (word.Length == 0)
            {
                return items;
            }

            var prefix = Ids.Prefix(kind);
            var bare = prefix != null && word.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? word.Substring(prefix.Length) : word;
            var pattern = WildcardPattern.ContainsWildcardCharacters(word) ? word : word + "*";
            var byName = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return items.Where(item =>
                item.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                || (prefix != null && item.Id.StartsWith(prefix + bare, StringComparison.OrdinalIgnoreCase))
                || (item.Name != null && byName.IsMatch(item.Name)));
        }

        private IReadOnlyList<IdName> Items(Connection connection)
        {
            var key = connection.ConnectionId.ToString("N") + "/" + kind + "/" + listEndpoint.Action;
            var now = DateTime.UtcNow;
            if (Cache.TryGetValue(key, out var cached) && now < cached.Expires)
            {
                return cached.Items;
            }

            IReadOnlyList<IdName> items;
            TimeSpan keep;
            try
            {
                items = Fetch(connection);
                keep = CacheTime;
            }
            catch (Exception)
            {
                items = Array.Empty<IdName>();
                keep = FailureCacheTime;
            }

            Cache[key] = new CacheEntry(items, DateTime.UtcNow + keep);
            foreach (var stale in Cache.Where(e => e.Value.Expires < now).Select(e => e.Key).ToList())
            {
                Cache.TryRemove(stale, out _);
            }

            return items;
        }

        private List<IdName> Fetch(Connection connection)
        {
            using (var timeout = new CancellationTokenSource(RequestTimeout))
            {
                IdName Map(JObject item) => new IdName(Ids.Normalize(kind, Text(item, "ID")) ?? Text(item, "ID") ?? string.Empty, NameOf(item));
                var client = connection.GetClient();
                var legacy = client.SendPageAsync(new ApiRequest(listEndpoint) { NoRetry = true }, arrayName, Map, timeout.Token);
                if (restListEndpoint == null)
                {
                    return legacy.GetAwaiter().GetResult().Items.Where(i => i.Id.Length > 0).ToList();
                }

                // Both generations at once; one the account does not have (an error) leaves the other's ids.
                var restRequest = ApiRequest.Rest(restListEndpoint, Array.Empty<string>());
                restRequest.NoRetry = true;
                var rest = client.ReadRestItemsAsync(restRequest, Map, timeout.Token);
                var items = new List<IdName>();
                var failures = 0;
                foreach (var list in new[] { legacy, rest })
                {
                    try
                    {
                        items.AddRange(list.GetAwaiter().GetResult().Items.Where(i => i.Id.Length > 0));
                    }
                    catch (CoupontoolsApiException) when (++failures < 2)
                    {
                        // The other generation may still answer; two failures go to the failure cache.
                    }
                }

                return items;
            }
        }

        private readonly struct IdName
        {
            public IdName(string id, string? name)
            {
                Id = id;
                Name = name;
            }

            public string Id { get; }

            public string? Name { get; }
        }

        private sealed class CacheEntry
        {
            public CacheEntry(IReadOnlyList<IdName> items, DateTime expires)
            {
                Items = items;
                Expires = expires;
            }

            public IReadOnlyList<IdName> Items { get; }

            public DateTime Expires { get; }
        }
    }

    /// <summary>Completes campaign ids (<c>cam_…</c>) with the campaign's name.</summary>
    public sealed class CampaignIdCompleter : IdCompleter
    {
        public CampaignIdCompleter()
            : base(IdKind.Campaign, EndpointCatalog.CampaignList, "coupon_info")
        {
        }
    }

    /// <summary>Completes loyalty card ids, web (<c>loy_…</c>) and wallet (numbers), with the card's name.</summary>
    public sealed class LoyaltyCardIdCompleter : IdCompleter
    {
        public LoyaltyCardIdCompleter()
            : base(IdKind.LoyaltyCard, EndpointCatalog.LoyaltyList, "loyaltycards", WalletEndpoints.Cards)
        {
        }
    }

    /// <summary>Completes directory ids of both generations (legacy <c>dir_…</c>, then v4 numbers) with the directory's name.</summary>
    public sealed class DirectoryIdCompleter : IdCompleter
    {
        public DirectoryIdCompleter()
            : base(IdKind.Directory, EndpointCatalog.DirectoryList, "directories", EndpointCatalog.RestAction("v4_directory_list"))
        {
        }
    }

    /// <summary>Completes subaccount ids (<c>sub_…</c>) with the company or person and the e-mail address.</summary>
    public sealed class SubaccountIdCompleter : IdCompleter
    {
        public SubaccountIdCompleter()
            : base(IdKind.Subaccount, EndpointCatalog.SubaccountList, "subaccount")
        {
        }

        protected override string? NameOf(JObject item)
        {
            var person = string.Join(" ", new[] { Text(item, "first_name"), Text(item, "last_name") }.Where(t => t != null));
            var who = Text(item, "company_name") ?? (person.Length > 0 ? person : null);
            var email = Text(item, "email");
            return who == null ? email : email == null ? who : $"{who} <{email}>";
        }
    }

    /// <summary>
    /// Completes SMS and e-mail group ids (<c>gro_…</c>) with the group's name and tool: the tool of the command's
    /// <c>-Channel</c>, or both.
    /// </summary>
    public sealed class ContactGroupIdCompleter : IArgumentCompleter
    {
        private readonly IdCompleter sms = new ChannelGroups(EndpointCatalog.SmsGroupList);
        private readonly IdCompleter email = new ChannelGroups(EndpointCatalog.EmailGroupList);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var bound = fakeBoundParameters ?? new Hashtable();
            var channel = bound.Contains("Channel") ? Convert.ToString(bound["Channel"], System.Globalization.CultureInfo.InvariantCulture) : null;
            var wantSms = channel == null || channel.Equals("Sms", StringComparison.OrdinalIgnoreCase);
            var wantEmail = channel == null || channel.Equals("Email", StringComparison.OrdinalIgnoreCase);
            var results = new List<CompletionResult>();
            if (wantSms)
            {
                results.AddRange(sms.CompleteArgument(commandName, parameterName, wordToComplete, commandAst, bound));
            }

            if (wantEmail)
            {
                results.AddRange(email.CompleteArgument(commandName, parameterName, wordToComplete, commandAst, bound));
            }

            return results;
        }

        private sealed class ChannelGroups : IdCompleter
        {
            private readonly string tool;

            public ChannelGroups(Endpoint list)
                : base(IdKind.ContactGroup, list, "group")
            {
                tool = list == EndpointCatalog.SmsGroupList ? "SMS" : "e-mail";
            }

            protected override string? NameOf(JObject item) => Text(item, "name") is { } name ? $"{name} ({tool})" : tool;
        }
    }
}
