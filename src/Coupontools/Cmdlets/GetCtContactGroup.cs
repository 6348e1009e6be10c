using System.Collections.Generic;
using System.Management.Automation;
using Coupontools.Client.Bulk;
using Coupontools.Client.Http;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>Lists the groups of the SMS tool, the e-mail tool, or both.</summary>
    [Cmdlet(VerbsCommon.Get, "CtContactGroup")]
    [OutputType(typeof(ContactGroup))]
    public sealed class GetCtContactGroup : CtContactCmdlet
    {
        private int notConnected;

        /// <summary>Sms or Email; without it both tools are listed, and one the account is not connected to is left out.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public MessageChannel? Channel { get; set; }

        protected override void ProcessRecord()
        {
            var skip = !Channel.HasValue;
            foreach (var channel in Channel.HasValue ? new[] { Channel.Value } : BothChannels)
            {
                var request = Observe(new ApiRequest(MessagingRequests.GroupList(channel)));
                StartRequest(channel, async (client, token) =>
                {
                    try
                    {
                        return new Listed(await FetchGroupsAsync(client, request, channel, token).ConfigureAwait(false), null);
                    }
                    catch (CoupontoolsApiException ex) when (skip && ex.HasErrorCode(103))
                    {
                        return new Listed(null, ex);
                    }
                }, listed => Write(channel, listed));
            }
        }

        /// <summary>A tool answering 103 is left out with a verbose note, unless neither tool is connected.</summary>
        private void Write(MessageChannel channel, Listed listed)
        {
            if (listed.NotConnected == null)
            {
                WriteObject(listed.Groups, true);
                return;
            }

            if (++notConnected == BothChannels.Length)
            {
                WriteApiError(listed.NotConnected, channel);
                return;
            }

            WriteVerbose($"The account is not connected to the Coupontools {channel} tool (API error 103); its groups are left out.");
        }

        private sealed class Listed
        {
            public Listed(IReadOnlyList<ContactGroup>? groups, CoupontoolsApiException? notConnected)
            {
                Groups = groups;
                NotConnected = notConnected;
            }

            public IReadOnlyList<ContactGroup>? Groups { get; }

            public CoupontoolsApiException? NotConnected { get; }
        }
    }
}
