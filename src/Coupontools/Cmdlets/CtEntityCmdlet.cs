using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Http;
using Coupontools.Client.Endpoints;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the subaccount, loyalty card and directory cmdlets: the two shapes their reads share, a
    /// list in one reply and one info request per id (in the request window of CtPerInputCmdlet).
    /// </summary>
    public abstract class CtEntityCmdlet : CtPerInputCmdlet
    {
        /// <summary>Sends one list request (one per input, in the window) and writes its items, parsed one by one as the reply streams in.</summary>
        protected void WriteList<T>(Endpoint endpoint, IDictionary<string, object?>? body, string arrayName, Func<JObject, T> map, object? target)
        {
            StartRequest(target, (client, token) => client.SendPageAsync(NewRequest(endpoint, body), arrayName, map, token),
                page => WriteObject(page.Items, true));
        }

        /// <summary>One info request per id (sent as <paramref name="idField"/>); writes the object the reply names, or an error naming the id.</summary>
        protected void WriteEach<T>(IEnumerable<string> ids, Endpoint endpoint, string idField, string objectName, Func<JObject, T> map)
        {
            foreach (var id in ids)
            {
                var body = new Dictionary<string, object?> { [idField] = id };
                SendEach(endpoint, body, id, payload =>
                {
                    if (ObjectIn(payload, objectName, endpoint, id) is { } json)
                    {
                        WriteObject(map(json));
                    }
                });
            }
        }

        /// <summary>
        /// The listing of a product the vendor runs in two generations (web and wallet loyalty cards, legacy and v4
        /// directories): each generation's list in turn, written as it comes. A generation the account does not have
        /// (<see cref="ErrorMapper.MeansNotAvailable"/>) is skipped with a verbose note; any other failure is the
        /// usual error, naming the generation, and the next generation is still listed.
        /// </summary>
        /// <param name="product">What is listed, for the note ("loyalty cards").</param>
        /// <param name="generations">Each generation's name ("Wallet") and its list call.</param>
        protected void WriteEachGeneration<T>(string product, params (string Name, Func<CoupontoolsClient, CancellationToken, Task<IReadOnlyList<T>>> List)[] generations)
        {
            foreach (var (name, list) in generations)
            {
                try
                {
                    WriteObject(Wait(list(Client, CancellationToken)), true);
                }
                catch (CoupontoolsApiException ex) when (ErrorMapper.MeansNotAvailable(ex))
                {
                    WriteVerbose($"{name} {product} skipped: the account does not seem to have them ({ex.Message}).");
                }
                catch (CoupontoolsApiException ex)
                {
                    WriteApiError(ex, $"{name} {product}");
                }
            }
        }
    }
}
