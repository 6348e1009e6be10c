using System;
using System.Collections.Generic;
using Coupontools.Client.Json;

namespace Coupontools.Client.Paging
{
    /// <summary>Where a paged read stands, for progress display.</summary>
    public readonly struct PageProgress
    {
        public PageProgress(int pageNumber, int? pageCount, long? totalCount, long written)
        {
            PageNumber = pageNumber;
            PageCount = pageCount;
            TotalCount = totalCount;
            Written = written;
        }

        public int PageNumber { get; }

        public int? PageCount { get; }

        public long? TotalCount { get; }

        public long Written { get; }
    }

    /// <summary>
    /// The paging state machine: which page to ask for first, how many items of it to skip, when to
    /// stop. Pages are fetched lazily, one per MoveNext past the end of the previous page, so a
    /// consumer that stops early stops the requests too.
    /// </summary>
    public static class Pager
    {
        /// <param name="fetch">Gets page N (numbered from 1).</param>
        /// <param name="pageSize">Items per full page, as the API pages.</param>
        /// <param name="skip">Items to skip from the start.</param>
        /// <param name="first">Most items to return; <see cref="ulong.MaxValue"/> for all.</param>
        /// <param name="onPage">Called after each page arrives, before its items are returned.</param>
        public static IEnumerable<T> Enumerate<T>(Func<int, Page<T>> fetch, int pageSize, ulong skip = 0, ulong first = ulong.MaxValue,
            Action<PageProgress>? onPage = null)
        {
            if (pageSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize));
            }

            if (first == 0)
            {
                yield break;
            }

            var pageNumber = skip / (ulong)pageSize >= int.MaxValue ? int.MaxValue : (int)(skip / (ulong)pageSize) + 1;
            var skipInPage = (int)(skip % (ulong)pageSize);
            long written = 0;
            while (true)
            {
                var page = fetch(pageNumber);
                onPage?.Invoke(new PageProgress(pageNumber, page.PageCount, page.TotalCount, written));
                for (var i = skipInPage; i < page.Items.Count; i++)
                {
                    yield return page.Items[i];
                    written++;
                    if ((ulong)written >= first)
                    {
                        yield break;
                    }
                }

                var lastPage = page.Items.Count < pageSize || (page.PageCount.HasValue && pageNumber >= page.PageCount.Value)
                    || (page.TotalCount.HasValue && (long)pageNumber * pageSize >= page.TotalCount.Value);
                if (lastPage || pageNumber == int.MaxValue)
                {
                    yield break;
                }

                skipInPage = 0;
                pageNumber++;
            }
        }
    }
}
