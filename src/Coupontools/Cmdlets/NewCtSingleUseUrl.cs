using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Bulk;
using Coupontools.Client.Http;
using DuplicateMode = Coupontools.Client.Bulk.DuplicateCheck;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Issues single-use coupon URLs: one per recipient (rows from the pipeline, up to -ThrottleLimit
    /// requests in flight, output in input order unless -Unordered), or an anonymous batch with -Count.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CtSingleUseUrl", DefaultParameterSetName = RecipientSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SingleUseUrl))]
    [TakesRows("recipient", nameof(Email), nameof(Phone), nameof(CustomId), nameof(FirstName), nameof(LastName))]
    public sealed class NewCtSingleUseUrl : CtPerInputCmdlet
    {
        private const string RecipientSet = "Recipient";
        private const string CountSet = "Count";

        private string? campaignOnCommandLine;
        private readonly CampaignZones zones = new CampaignZones();

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = CountSet, Mandatory = true)]
        [Alias("CampaignId")]
        [ArgumentCompleter(typeof(CampaignIdCompleter))]
        public string? Campaign { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("GivenName", "First_Name")]
        public string? FirstName { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Surname", "Last_Name", "FamilyName")]
        public string? LastName { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("EmailAddress", "Mail")]
        public string? Email { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PhoneNumber", "Mobile", "MobilePhone", "Telephone")]
        public string? Phone { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("CustomerId", "CustomerNumber")]
        public string? CustomId { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        public string? CustomField1 { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        public string? CustomField2 { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        public string? CustomField3 { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        public string? CustomField4 { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        public string? CustomField5 { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        public string? CustomField6 { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        public string? CustomField7 { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("CustomValidationCode")]
        public string? ValidationCode { get; set; }

        /// <summary>Lets the API generate each row's validation code (<c>autovalcode</c>); excludes -ValidationCode.</summary>
        [Parameter(ParameterSetName = RecipientSet)]
        [ValidateSet("6Digits", "8Digits", "10Digits")]
        public string? AutoValidationCode { get; set; }

        /// <summary>The field <c>duplicate_check</c> names; default: the first of Email, Phone, CustomId the row has.</summary>
        [Parameter(ParameterSetName = RecipientSet)]
        [ValidateSet("Email", "Phone", "CustomId", "None")]
        public string? DuplicateCheck { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("utm_source")]
        public string? UtmSource { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("utm_medium")]
        public string? UtmMedium { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("utm_campaign")]
        public string? UtmCampaign { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("utm_term")]
        public string? UtmTerm { get; set; }

        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("utm_content")]
        public string? UtmContent { get; set; }

        /// <summary>Sent in the campaign's time zone: a UTC or local time is converted, an unspecified one is the campaign's wall time.</summary>
        [Parameter(ParameterSetName = RecipientSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ExpirationDate")]
        public DateTime? ExpiryDate { get; set; }

        /// <summary>The input row itself: the TargetObject of its error. Bound from the pipeline.</summary>
        [Parameter(ParameterSetName = RecipientSet, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(ParameterSetName = RecipientSet)]
        public SwitchParameter Unordered { get; set; }

        [Parameter(ParameterSetName = CountSet, Mandatory = true)]
        [ValidateRange(1, 10000000)]
        public int Count { get; set; }

        [Parameter(ParameterSetName = CountSet)]
        [ValidateSet("Normal", "Voided", "Activated")]
        public string? Status { get; set; }

        [Parameter(ParameterSetName = CountSet)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 24)]
        public string? CodePrefix { get; set; }

        [Parameter(ParameterSetName = CountSet)]
        [ValidateRange(SingleUseRequests.MinCodeLength, SingleUseRequests.MaxCodeLength)]
        public int? CodeLength { get; set; }

        [Parameter(ParameterSetName = CountSet)]
        [ValidateSet("Numeric", "Alphanumeric")]
        public string? CodeType { get; set; }

        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Campaign)))
            {
                // Given on the command line: a malformed id stops the command before any request.
                campaignOnCommandLine = Ids.Normalize(IdKind.Campaign, Campaign);
                if (campaignOnCommandLine == null)
                {
                    ThrowInvalidArgument($"-Campaign '{CtIdAttribute.Shorten(Campaign)}' is not {Ids.Describe(IdKind.Campaign)}.", "InvalidArgument", Campaign);
                }
            }

            if (ParameterSetName == CountSet)
            {
                var automated = CodePrefix != null || CodeLength.HasValue || CodeType != null;
                var problem = automated ? SingleUseRequests.ValidateAutomatedCodes(CodePrefix, CodeLength, IsNumeric, Count) : null;
                if (problem != null)
                {
                    ThrowInvalidArgument(problem, "InvalidArgument", null);
                }
            }

            var bound = MyInvocation.BoundParameters;
            if (ParameterSetName == RecipientSet && AutoValidationCode != null && bound.ContainsKey(nameof(ValidationCode)) && Blank(ValidationCode) != null)
            {
                ThrowInvalidArgument($"-ValidationCode and -AutoValidationCode exclude each other: the API takes one or the other.", "InvalidArgument", ValidationCode);
            }

            base.BeginProcessing();
            if (ParameterSetName == RecipientSet)
            {
                CheckCampaignZoneFirst();
            }
        }

        protected override bool Ordered => !Unordered;

        protected override string DoneWord => "issued";

        protected override string? StopAdvice =>
            "Rows sent with a duplicate check (an e-mail, phone or custom id, and no -DuplicateCheck None) can simply be run again: the API returns the URL already issued.";

        /// <summary>
        /// With -Campaign and a UTC or local -ExpiryDate on the command line, the campaign's zone is read before any create:
        /// a zone this system does not know stops the command instead of sending a wrong time.
        /// </summary>
        private void CheckCampaignZoneFirst()
        {
            if (campaignOnCommandLine == null || !MyInvocation.BoundParameters.ContainsKey(nameof(ExpiryDate))
                || ExpiryDate?.Kind is null or DateTimeKind.Unspecified || IsWhatIf())
            {
                return;
            }

            var client = Client;
            CampaignZone zone;
            try
            {
                zone = Wait(zones.GetAsync((request, token) => client.SendAsync(Observe(request), token), campaignOnCommandLine, CancellationToken));
            }
            catch (CoupontoolsApiException ex)
            {
                ThrowTerminatingError(ErrorMapper.ToRecord(ex, campaignOnCommandLine, "The campaign's time zone is needed to convert -ExpiryDate; no single-use URL was created."));
                return;
            }

            if (zone.Zone == null)
            {
                ThrowInvalidArgument(zone.Problem, "CampaignTimeZoneUnknown", campaignOnCommandLine);
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == CountSet)
            {
                IssueBatch();
                return;
            }

            if (!BindRow(InputObject))
            {
                return;
            }

            var row = ReadRow();
            var problem = SingleUseRequests.Validate(row.Recipient);
            if (problem != null)
            {
                // A bad row is that row's error; it waits its turn so the output keeps the input order.
                StartRefused(row, ToRecord(new InputException(problem), row));
                return;
            }

            if (!ShouldProcess($"{row.Recipient.Campaign}: {SingleUseRequests.Describe(row.Recipient)}", "Create a single-use URL"))
            {
                return;
            }

            StartRequest(row, (client, token) => IssueAsync(client, zones, Observe, row.Recipient, token), WriteObject, error => ToRecord(error, row));
        }

        protected override string Describe(long index, object? target) =>
            $"row {index + 1}, {SingleUseRequests.Describe(((Row)target!).Recipient)}";

        protected override string DescribeResult(object? result) =>
            result is SingleUseUrl url ? $"{url.Url} (session {url.Session})" : base.DescribeResult(result);

        private bool IsNumeric => string.Equals(CodeType, "Numeric", StringComparison.OrdinalIgnoreCase);

        private Row ReadRow()
        {
            var recipient = new SingleUseRecipient
            {
                Campaign = Blank(Campaign) == null ? null : (campaignOnCommandLine ?? Ids.Normalize(IdKind.Campaign, Campaign) ?? Campaign!.Trim()),
                FirstName = Blank(FirstName),
                LastName = Blank(LastName),
                Email = Blank(Email),
                Phone = Blank(Phone),
                CustomId = Blank(CustomId),
                ValidationCode = Blank(ValidationCode),
                AutoValidationCode = AutoValidationCode,
                DuplicateCheck = DuplicateCheck == null ? DuplicateMode.Default : (DuplicateMode)Enum.Parse(typeof(DuplicateMode), DuplicateCheck, true),
                UtmSource = Blank(UtmSource),
                UtmMedium = Blank(UtmMedium),
                UtmCampaign = Blank(UtmCampaign),
                UtmTerm = Blank(UtmTerm),
                UtmContent = Blank(UtmContent),
                ExpiryDate = ExpiryDate,
            };
            var fields = new[] { CustomField1, CustomField2, CustomField3, CustomField4, CustomField5, CustomField6, CustomField7 };
            for (var i = 0; i < fields.Length; i++)
            {
                recipient.CustomFields[i] = Blank(fields[i]);
            }

            var target = InputObject != null ? InputObject : (object)recipient;
            return new Row(recipient, target, new InputLabel($"Row {RowNumber} ({SingleUseRequests.Describe(recipient)})", target));
        }

        private static string? Blank(string? value)
        {
            var text = value?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        private static async Task<SingleUseUrl> IssueAsync(CoupontoolsClient client, CampaignZones zones, Func<ApiRequest, ApiRequest> observe,
            SingleUseRecipient row, CancellationToken token)
        {
            TimeZoneInfo? zone = null;
            if (row.ExpiryNeedsZone)
            {
                var found = await zones.GetAsync((request, t) => client.SendAsync(observe(request), t), row.Campaign!, token).ConfigureAwait(false);
                zone = found.Zone ?? throw new ZoneException(found.Problem);
            }

            var payload = await client.SendAsync(observe(SingleUseRequests.Create(row, zone)), token).ConfigureAwait(false);
            var url = SingleUseUrl.FromJson(payload, row.Campaign);
            url.Campaign = string.IsNullOrEmpty(url.Campaign) ? row.Campaign! : url.Campaign;
            url.CustomId ??= row.CustomId;
            url.Email = row.Email;
            url.Phone = row.Phone;
            url.FirstName = row.FirstName;
            url.LastName = row.LastName;
            return url;
        }

        private static ErrorRecord ToRecord(Exception error, Row row)
        {
            switch (error)
            {
                case InputException bad:
                    var id = bad.Problem.Missing ? "Coupontools.MissingParameter" : "Coupontools.InvalidArgument";
                    return new ErrorRecord(new ArgumentException(row.Label + ": " + bad.Problem.Message, bad.Problem.Field), id, ErrorCategory.InvalidArgument, row.Target)
                    {
                        ErrorDetails = new ErrorDetails(row.Label + ": " + bad.Problem.Message) { RecommendedAction = "Correct the row and run it again; no request was sent for it." },
                    };
                case ZoneException zone:
                    return new ErrorRecord(new ArgumentException(row.Label + ": " + zone.Message), "Coupontools.CampaignTimeZoneUnknown", ErrorCategory.InvalidArgument, row.Target)
                    {
                        ErrorDetails = new ErrorDetails(row.Label + ": " + zone.Message) { RecommendedAction = "No request was sent for this row. Give its expiry as the campaign's wall time (a date without a zone)." },
                    };
                case CoupontoolsApiException api when api.Failure == ApiFailure.OutcomeUnknown:
                    return FailureRecord(api, row.Label, row.Recipient.HasKey
                        ? $"Run the row again: it was sent with duplicate_check {row.Recipient.DuplicateField}, so the API returns the URL already issued instead of a second one."
                        : "The row was sent without a duplicate check (no e-mail, phone or custom id, or -DuplicateCheck None), so the create could not be made safe to repeat and was not re-sent. Check the campaign's usage data (Get-CtCampaignUsage) before issuing again, or give rows a CustomId so a rerun is safe.");
                default:
                    return FailureRecord(error, row.Label);
            }
        }

        private void IssueBatch()
        {
            var campaign = campaignOnCommandLine ?? Ids.Normalize(IdKind.Campaign, Campaign);
            if (campaign == null)
            {
                WriteError(new ErrorRecord(new ArgumentException($"'{CtIdAttribute.Shorten(Campaign)}' is not {Ids.Describe(IdKind.Campaign)}."),
                    "Coupontools.InvalidArgument", ErrorCategory.InvalidArgument, Campaign));
                return;
            }

            var automated = CodePrefix != null || CodeLength.HasValue || CodeType != null;
            var calls = SingleUseRequests.SplitCount(Count);
            var batchProgress = new ProgressRecord(0x5ce2, "New-CtSingleUseUrl", $"{Count} codes in {calls.Count} call(s)");
            long written = 0;
            for (var i = 0; i < calls.Count; i++)
            {
                var what = calls.Count == 1
                    ? $"Create {calls[i]} single-use URLs"
                    : $"Create {calls[i]} single-use URLs (call {i + 1} of {calls.Count})";
                if (!ShouldProcess(campaign, what))
                {
                    continue;
                }

                if (calls.Count > 1)
                {
                    batchProgress.StatusDescription = $"Call {i + 1} of {calls.Count}: {written} of {Count} written";
                    batchProgress.PercentComplete = (int)(100L * written / Count);
                    WriteProgress(batchProgress);
                }

                var request = SingleUseRequests.CreateMany(campaign, calls[i], Status, automated, CodePrefix, CodeLength, IsNumeric);
                var left = Count - written - calls[i];
                var target = $"{campaign} (call {i + 1} of {calls.Count}, {calls[i]} codes)";
                var advice = left > 0
                    ? $"The remaining {left} code(s) were not requested. Check the campaign's usage data (Get-CtCampaignUsage) for what this call created, then ask for the rest with -Count."
                    : "Check the campaign's usage data (Get-CtCampaignUsage) for what this call created before asking again.";
                if (!TryCall((client, token) => client.SendAsync(Observe(request), () => new SingleUseBatchReader(campaign), token),
                        target, out var urls, advice))
                {
                    break;
                }

                foreach (var url in urls)
                {
                    WriteObject(url);
                }

                if (urls.Count < calls[i])
                {
                    // The 2025 print shows this reply with one code only: what the API made beyond the list is not lost, only unlisted.
                    var message = $"The API listed {urls.Count} of the {calls[i]} single-use URLs asked for in {target}; the others may exist without being listed.";
                    WriteError(new ErrorRecord(new InvalidOperationException(message), "Coupontools.IncompleteReply", ErrorCategory.InvalidResult, campaign)
                    {
                        ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Read the campaign's sessions (Get-CtCampaignUsage) to find the URLs the reply did not list before asking again." },
                    });
                }

                written += urls.Count;
            }

            if (calls.Count > 1)
            {
                batchProgress.RecordType = ProgressRecordType.Completed;
                WriteProgress(batchProgress);
            }
        }

        /// <summary>One input: what is sent, and what its error names.</summary>
        private sealed class Row
        {
            public Row(SingleUseRecipient recipient, object target, InputLabel label)
            {
                Recipient = recipient;
                Target = target;
                Label = label;
            }

            /// <summary>How its errors name the row: its number and recipient.</summary>
            public InputLabel Label { get; }

            public SingleUseRecipient Recipient { get; }

            public object Target { get; }
        }

        private sealed class ZoneException : Exception
        {
            public ZoneException(string message)
                : base(message)
            {
            }
        }

        private sealed class InputException : Exception
        {
            public InputException(InputProblem problem)
                : base(problem.Message)
            {
                Problem = problem;
            }

            public InputProblem Problem { get; }
        }
    }
}
