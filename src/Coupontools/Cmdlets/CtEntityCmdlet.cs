using System;
using System.Collections.Generic;
using Coupontools.Client.Endpoints;
using Newtonsoft.Json.Linq;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the subaccount, loyalty card, directory and category cmdlets: the two shapes their
    /// reads share, a list in one reply and one info request per id. Sending and errors go through
    /// CtApiCmdlet.TryCall, like every other cmdlet's.
    /// </summary>
    public abstract partial class CtEntityCmdlet : CtApiCmdlet
    {
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
    }
}
