using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Bulk;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the SMS and e-mail contact list cmdlets: reads a tool's groups, and finds which tool a group
    /// id belongs to when the input does not say (both tools use <c>gro_</c> ids).
    /// </summary>
    public abstract class CtContactCmdlet : CtPerInputCmdlet
    {
        private readonly Dictionary<MessageChannel, IReadOnlyList<ContactGroup>> groups = new Dictionary<MessageChannel, IReadOnlyList<ContactGroup>>();

        /// <summary>Both channels, SMS first: what a command without -Channel reads.</summary>
        protected static readonly MessageChannel[] BothChannels = { MessageChannel.Sms, MessageChannel.Email };

        /// <summary>
        /// The groups of one tool, read once per command. With <paramref name="skipNotConnected"/> a tool the account is not
        /// connected to (API error 103) gives no groups and a verbose note; otherwise its error is written (103 stops the command)
        /// and the result is null.
        /// </summary>
        protected IReadOnlyList<ContactGroup>? ReadGroups(MessageChannel channel, bool skipNotConnected)
        {
            if (groups.TryGetValue(channel, out var known))
            {
                return known;
            }

            try
            {
                var list = Wait(FetchGroupsAsync(Client, Observe(new ApiRequest(MessagingRequests.GroupList(channel))), channel, CancellationToken));
                groups[channel] = list;
                return list;
            }
            catch (CoupontoolsApiException ex) when (skipNotConnected && ex.HasErrorCode(103))
            {
                WriteVerbose($"The account is not connected to the Coupontools {channel} tool (API error 103); its groups are left out.");
                groups[channel] = new List<ContactGroup>();
                return null;
            }
            catch (CoupontoolsApiException ex)
            {
                WriteApiError(ex, channel);
                return null;
            }
        }

        /// <summary>The groups of one tool's group list.</summary>
        protected static async Task<IReadOnlyList<ContactGroup>> FetchGroupsAsync(CoupontoolsClient client, ApiRequest request, MessageChannel channel, CancellationToken token)
        {
            var payload = await client.SendAsync(request, token).ConfigureAwait(false);
            return (payload["group"] as JArray ?? new JArray()).OfType<JObject>().Select(g => ContactGroup.FromJson(g, channel)).ToList();
        }

        /// <summary>
        /// The channel of <paramref name="group"/>, from <paramref name="given"/> or else from the group lists of both tools;
        /// refuses the input (its error naming the group takes its turn) and returns null when it is in neither list, or in both.
        /// </summary>
        protected MessageChannel? ChannelOf(string group, MessageChannel? given, object? target)
        {
            if (given.HasValue)
            {
                return given;
            }

            var found = BothChannels.Where(c => (ReadGroups(c, skipNotConnected: true) ?? new List<ContactGroup>()).Any(g => g.Id == group)).ToList();
            if (found.Count == 1)
            {
                return found[0];
            }

            var message = found.Count == 0
                ? $"Group {group} is neither an SMS group nor an e-mail group of this account. List the groups with Get-CtContactGroup."
                : $"Group {group} exists in both the SMS and the e-mail tool. Say which one with -Channel Sms or -Channel Email.";
            StartRefused(target, new ErrorRecord(new ItemNotFoundException(message), found.Count == 0 ? "Coupontools.NotFound" : "Coupontools.AmbiguousGroup",
                found.Count == 0 ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = found.Count == 0 ? "Check the group id." : "Add -Channel." },
            });
            return null;
        }
    }
}
