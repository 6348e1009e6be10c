using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Creates users on a card, routed by the card's id. Wallet card: the rows are gathered per card and sent in bulk
    /// calls of at most <see cref="BatchSize"/> (POST …/stats/bulk); a single row is sent alone (POST …/stats). Web card:
    /// /v3/loyaltyusers/create (e-mail and password required), then /v3/loyaltyusers/link to the card, per row.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CtLoyaltyCardUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(LoyaltyCardUser))]
    public sealed class NewCtLoyaltyCardUser : CtLoyaltyUserDataCmdlet
    {
        /// <summary>Rows per bulk call. No limit is documented; this keeps one refused call from refusing thousands of rows.</summary>
        public const int BatchSize = 100;

        private readonly Dictionary<string, List<(int Row, Dictionary<string, object?> Data)>> pending =
            new Dictionary<string, List<(int, Dictionary<string, object?>)>>(StringComparer.Ordinal);

        private int row;

        /// <summary>Web cards: the user's password (required there, not sent for wallet cards).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SecureString? Password { get; set; }

        protected override void ProcessRecord()
        {
            row++;
            var who = Who();
            if (!IsWalletCard)
            {
                CreateWebUser(who);
                return;
            }

            if (Password != null)
            {
                WriteError(new ErrorRecord(new ArgumentException($"Row {row} ({who}): wallet card {LoyaltyCard} users have no password; leave -Password out."),
                    "Coupontools.PasswordNotTaken", ErrorCategory.InvalidArgument, who));
                return;
            }

            if (!ShouldProcess($"loyalty card {LoyaltyCard}", $"Create user {who}"))
            {
                return;
            }

            if (!pending.TryGetValue(LoyaltyCard, out var rows))
            {
                pending[LoyaltyCard] = rows = new List<(int, Dictionary<string, object?>)>();
            }

            rows.Add((row, WalletData()));
            if (rows.Count == BatchSize)
            {
                SendWallet(LoyaltyCard, rows);
                rows.Clear();
            }
        }

        protected override void EndProcessing()
        {
            foreach (var card in pending.Where(p => p.Value.Count > 0))
            {
                SendWallet(card.Key, card.Value);
            }

            base.EndProcessing();
        }

        private string Who()
        {
            var name = string.Join(" ", new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
            return Email == null ? (name.Length > 0 ? name : $"row {row}") : (name.Length > 0 ? $"{name} <{Email}>" : Email);
        }

        /// <summary>One row alone (a card that got one row in all), else one bulk call; the reply lists the users in the rows' order.</summary>
        private void SendWallet(string card, List<(int Row, Dictionary<string, object?> Data)> rows)
        {
            if (rows.Count == 1)
            {
                var data = rows[0].Data;
                StartRequest($"row {rows[0].Row}", (client, token) => client.ReadRestObjectAsync(NewRestRequest(WalletEndpoints.CreateUser, new[] { card }, data),
                    json => LoyaltyCardUser.FromWalletJson(json, card), token), WriteObject);
                return;
            }

            var batch = rows.Select(r => (IDictionary<string, object?>)r.Data).ToList();
            var range = $"rows {rows[0].Row}-{rows[rows.Count - 1].Row} of loyalty card {card}";
            IReadOnlyList<LoyaltyCardUser> users;
            try
            {
                users = Wait(Client.ReadRestListAsync(WithItems(NewRestRequest(WalletEndpoints.CreateUsers, new[] { card }), batch),
                    json => LoyaltyCardUser.FromWalletJson(json, card), CancellationToken));
            }
            catch (CoupontoolsApiException ex)
            {
                // One call for the rows, one error per row: every input ends as a user or an error.
                foreach (var (number, _) in rows)
                {
                    WriteApiError(ex, $"row {number}", ex.Failure == ApiFailure.OutcomeUnknown
                        ? $"The bulk call for {range} may or may not have created them: list the card's users (Get-CtLoyaltyCardUser -LoyaltyCard {card}) before sending these rows again."
                        : null);
                }

                return;
            }

            WriteObject(users, true);
            if (users.Count != rows.Count)
            {
                WriteWarning($"The API created {users.Count} user(s) for the {rows.Count} {range}; check the card's users with Get-CtLoyaltyCardUser -LoyaltyCard {card}.");
            }
        }

        private static ApiRequest WithItems(ApiRequest request, IReadOnlyList<IDictionary<string, object?>> items)
        {
            request.Items = items;
            return request;
        }

        private void CreateWebUser(string who)
        {
            if (Email == null || Password == null)
            {
                WriteError(new ErrorRecord(new ArgumentException($"Row {row} ({who}): a web card user needs -Email and -Password."),
                    "Coupontools.MissingParameter", ErrorCategory.InvalidArgument, who));
                return;
            }

            if (!ShouldProcess($"loyalty card {LoyaltyCard}", $"Create user {who}"))
            {
                return;
            }

            var card = LoyaltyCard;
            var create = new Dictionary<string, object?>
            {
                ["email"] = Email,
                ["password"] = PsConvert.Plain(Password),
                ["phone"] = Phone,
                ["first_Name"] = FirstName,
                ["last_Name"] = LastName,
                ["city"] = City,
            };
            StartRequest(who, async (client, token) =>
            {
                var payload = await client.SendAsync(NewRequest(EndpointCatalog.LoyaltyUserCreate, create), token).ConfigureAwait(false);
                var user = LoyaltyCardUser.FromJson(payload["user"] as JObject ?? throw new CoupontoolsApiException(ApiFailure.InvalidReply,
                    EndpointCatalog.LoyaltyUserCreate.Path!, $"{EndpointCatalog.LoyaltyUserCreate.Path}: the reply for '{who}' has no 'user' object."), card);
                var link = new Dictionary<string, object?> { ["loyaltycard"] = card, ["user"] = user.Id };
                await client.SendAsync(NewRequest(EndpointCatalog.LoyaltyUserLink, link), token).ConfigureAwait(false);
                return user;
            }, WriteObject);
        }
    }
}
