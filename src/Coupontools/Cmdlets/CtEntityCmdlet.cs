using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the subaccount, loyalty card, directory and category cmdlets: one call with the
    /// error handling they share (error 102 stops the command, errors 102 and 510 say what to do in
    /// the message itself), and reading the one object a reply carries.
    /// </summary>
    public abstract class CtEntityCmdlet : CtApiCmdlet
    {
        internal const string SubaccountCredentialsAdvice =
            "Managing subaccounts needs the main account's API key and secret: run Connect-CtAccount with the main account's credentials, or pass the main account's connection with -Connection.";

        internal const string UnknownSubaccountAdvice =
            "List this account's subaccounts and their ids with Get-CtSubaccount, then run again with one of those ids.";

        /// <summary>
        /// Runs one call. An API failure is a non-terminating error naming <paramref name="target"/>,
        /// except error 102 (a subaccount's credentials used to manage subaccounts), which fails the
        /// same way for every input and so stops the command.
        /// </summary>
        protected bool TryCall<T>(Func<CoupontoolsClient, CancellationToken, Task<T>> call, object? target, out T result)
        {
            try
            {
                result = Wait(call(Client, CancellationToken));
                return true;
            }
            catch (CoupontoolsApiException ex) when (ex.HasErrorCode(102))
            {
                ThrowTerminatingError(Explain(ex, target,
                    $"The connection uses a subaccount's API key and secret, which cannot manage subaccounts (API error 102: {ex.ApiText}).",
                    SubaccountCredentialsAdvice));
                throw; // not reached: ThrowTerminatingError always throws
            }
            catch (CoupontoolsApiException ex) when (ex.HasErrorCode(510))
            {
                WriteError(Explain(ex, target,
                    $"Subaccount '{target}' is not a subaccount of this account (API error 510: {ex.ApiText}).", UnknownSubaccountAdvice));
            }
            catch (CoupontoolsApiException ex)
            {
                WriteApiError(ex, target);
            }

            result = default!;
            return false;
        }

        /// <summary>Sends one request and returns its payload; false after writing the error.</summary>
        protected bool TrySend(Endpoint endpoint, IDictionary<string, object?> body, object? target, out JObject payload) =>
            TryCall((client, token) => client.SendAsync(NewRequest(endpoint, body), token), target, out payload);

        /// <summary>Sends one list request and writes its items (parsed one by one as the reply streams in).</summary>
        protected void WriteList<T>(Endpoint endpoint, IDictionary<string, object?>? body, string arrayName, Func<JObject, T> map, object? target)
        {
            if (TryCall((client, token) => client.SendPageAsync(NewRequest(endpoint, body), arrayName, map, token), target, out var page))
            {
                WriteObject(page.Items, true);
            }
        }

        /// <summary>One info request per id (sent as <paramref name="idField"/>); writes the object the reply names, or an error naming the id.</summary>
        protected void WriteEach<T>(IEnumerable<string> ids, Endpoint endpoint, string idField, string objectName, Func<JObject, T> map)
        {
            foreach (var id in ids)
            {
                var body = new Dictionary<string, object?> { [idField] = id };
                if (TrySend(endpoint, body, id, out var payload) && ObjectIn(payload, objectName, endpoint, id) is { } json)
                {
                    WriteObject(map(json));
                }
            }
        }

        private static ErrorRecord Explain(CoupontoolsApiException ex, object? target, string what, string advice)
        {
            var record = ErrorMapper.ToRecord(ex, target, advice);
            record.ErrorDetails = new ErrorDetails(what + " " + advice) { RecommendedAction = advice };
            return record;
        }
    }
}
