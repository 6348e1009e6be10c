using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Http;
using Coupontools.Client.Json;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>One product generation's list for <see cref="CtEntityCmdlet.WriteGenerations{T}"/>: which generation, and the call that lists it.</summary>
    public sealed class GenerationList<T>
    {
        public GenerationList(ProductGeneration generation, Func<CoupontoolsClient, CancellationToken, Task<Page<T>>> list)
        {
            Generation = generation;
            List = list;
        }

        public ProductGeneration Generation { get; }

        public Func<CoupontoolsClient, CancellationToken, Task<Page<T>>> List { get; }
    }

    /// <summary>
    /// A listing without an id over both product generations (Get-CtDirectory, Get-CtLoyaltyCard): the legacy list,
    /// then the v4 one. A generation the account does not have (<see cref="MeansNotAvailable"/>) is skipped with a
    /// verbose note, not a failure, unless it was asked for by name (-Kind) or no generation answered at all.
    /// </summary>
    public abstract partial class CtEntityCmdlet
    {
        /// <summary>
        /// True for the failures that mean "this account has no such product" rather than a fault: a v4 404 or 403
        /// and a legacy error the mapper calls NotFound (api/ASSUMED.md, "Directories of both generations").
        /// </summary>
        internal static bool MeansNotAvailable(CoupontoolsApiException ex) =>
            ex.Failure == ApiFailure.ApiError
            && (ErrorMapper.ErrorIdOf(ex) == "Coupontools.NotFound" || (ex.ErrorCodes.Count == 0 && ex.HttpStatus == 403));

        /// <summary>
        /// Writes the items of each generation's list in turn (only <paramref name="only"/>'s when given);
        /// <paramref name="noun"/> names the product in the verbose note ("directories").
        /// </summary>
        protected void WriteGenerations<T>(ProductGeneration? only, string noun, params GenerationList<T>[] lists)
        {
            var skipped = new List<(GenerationList<T> List, CoupontoolsApiException Error)>();
            var answered = 0;
            foreach (var list in lists)
            {
                if (only != null && list.Generation != only)
                {
                    continue;
                }

                try
                {
                    var page = Wait(list.List(Client, CancellationToken));
                    answered++;
                    WriteObject(page.Items, true);
                }
                catch (CoupontoolsApiException ex) when (only == null && MeansNotAvailable(ex))
                {
                    skipped.Add((list, ex));
                    WriteVerbose($"Skipped the {list.Generation} {noun}: this account does not seem to have them ({ex.Message})");
                }
                catch (CoupontoolsApiException ex)
                {
                    answered++;
                    WriteApiError(ex, list.Generation);
                }
            }

            // Nothing answered: the "not available" replies were more likely a wrong base URI or account than two missing products.
            if (answered == 0)
            {
                foreach (var (list, error) in skipped)
                {
                    WriteApiError(error, list.Generation);
                }
            }
        }
    }
}
