using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Http;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>One product generation's list for <see cref="CtEntityCmdlet.WriteGenerations{T}"/>: its name, and the call that lists it.</summary>
    public sealed class GenerationList<T>
    {
        public GenerationList(string name, Func<CoupontoolsClient, CancellationToken, Task<IReadOnlyList<T>>> list)
        {
            Name = name;
            List = list;
        }

        /// <summary>The generation as the -Kind of its cmdlet names it (Web, Wallet, Legacy, V4).</summary>
        public string Name { get; }

        public Func<CoupontoolsClient, CancellationToken, Task<IReadOnlyList<T>>> List { get; }
    }

    /// <summary>
    /// A listing without an id over both product generations (Get-CtDirectory, Get-CtLoyaltyCard): the first generation's
    /// list, then the second's. A generation the account does not have (<see cref="ErrorMapper.MeansNotAvailable"/>) is
    /// skipped with a verbose note, not a failure, unless it was asked for by name (-Kind) or no generation answered at all.
    /// </summary>
    public abstract partial class CtEntityCmdlet
    {
        /// <summary>
        /// Writes the items of each list in turn; <paramref name="chosen"/> is true when -Kind asked for these lists by
        /// name, so none is skipped; <paramref name="noun"/> names the product in the verbose note ("directories").
        /// </summary>
        protected void WriteGenerations<T>(bool chosen, string noun, params GenerationList<T>[] lists)
        {
            var skipped = new List<(GenerationList<T> List, CoupontoolsApiException Error)>();
            var answered = 0;
            foreach (var list in lists)
            {
                try
                {
                    var items = Wait(list.List(Client, CancellationToken));
                    answered++;
                    WriteObject(items, true);
                }
                catch (CoupontoolsApiException ex) when (!chosen && ErrorMapper.MeansNotAvailable(ex))
                {
                    skipped.Add((list, ex));
                    WriteVerbose($"Skipped the {list.Name} {noun}: this account does not seem to have them ({ex.Message})");
                }
                catch (CoupontoolsApiException ex)
                {
                    answered++;
                    WriteApiError(ex, $"{list.Name} {noun}");
                }
            }

            // Nothing answered: the "not available" replies were more likely a wrong base URI or account than two missing products.
            if (answered == 0)
            {
                foreach (var (list, error) in skipped)
                {
                    WriteApiError(error, $"{list.Name} {noun}");
                }
            }
        }
    }
}
