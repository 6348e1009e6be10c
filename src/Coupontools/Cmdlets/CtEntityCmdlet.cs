using System;
using System.Collections.Generic;
using Coupontools.Client.Endpoints;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the subaccount, loyalty card and directory cmdlets: the two shapes their reads share, a
    /// list in one reply and one info request per id (in the request window of CtPerInputCmdlet).
    /// </summary>
    public abstract partial class CtEntityCmdlet : CtPerInputCmdlet
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
    }
}
