using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
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
    /// stop, and which pages to read ahead. The first page is fetched when the first item is asked for;
    /// nothing more until the consumer asks for an item past it, so a consumer that stops within the
    /// first page costs one request, and one that stops within the second costs two (as without read-ahead).
    /// From the third page on up to <c>maxAhead</c> next pages are in flight while the consumer takes the
    /// current one: the depth starts at 2 and doubles each time the consumer had to wait for a page, so a slow consumer keeps few pages buffered and a fast one gets the network's
    /// width. Pages are handed out in order; a page's failure surfaces when the consumer reaches it, after
    /// every item before it. No page is fetched past a known end (page count, total, -First); without
    /// one, pages past the end may be asked for (up to the depth) and are dropped unread.
    /// </summary>
    public static class Pager
    {
        /// <summary>The read-ahead depth once the consumer has asked for more than the second page.</summary>
        public const int InitialDepth = 2;

        /// <summary>One page at a time, fetched synchronously when needed (no read-ahead).</summary>
        /// <param name="fetch">Gets page N (numbered from 1).</param>
        /// <param name="pageSize">Items per full page, as the API pages.</param>
        /// <param name="skip">Items to skip from the start.</param>
        /// <param name="first">Most items to return; <see cref="ulong.MaxValue"/> for all.</param>
        /// <param name="onPage">Called after each page arrives, before its items are returned.</param>
        public static IEnumerable<T> Enumerate<T>(Func<int, Page<T>> fetch, int pageSize, ulong skip = 0, ulong first = ulong.MaxValue,
            Action<PageProgress>? onPage = null) =>
            Enumerate((page, _) => Task.FromResult(fetch(page)), task => task.GetAwaiter().GetResult(), pageSize, skip, first, onPage, 0, CancellationToken.None);

        /// <param name="fetch">Starts getting page N (numbered from 1); cancelled through the token when the pages are no longer wanted.</param>
        /// <param name="wait">Waits for a page on the consuming thread (and maps a cancellation as the caller wants).</param>
        /// <param name="pageSize">Items per full page, as the API pages.</param>
        /// <param name="skip">Items to skip from the start.</param>
        /// <param name="first">Most items to return; <see cref="ulong.MaxValue"/> for all.</param>
        /// <param name="onPage">Called after each page arrives, before its items are returned.</param>
        /// <param name="maxAhead">Most pages in flight or buffered ahead of the consumer; 0 reads one page at a time.</param>
        /// <param name="cancellationToken">Stops every page in flight.</param>
        public static IEnumerable<T> Enumerate<T>(Func<int, CancellationToken, Task<Page<T>>> fetch, Func<Task<Page<T>>, Page<T>> wait,
            int pageSize, ulong skip, ulong first, Action<PageProgress>? onPage, int maxAhead, CancellationToken cancellationToken)
        {
            if (pageSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize));
            }

            if (maxAhead < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxAhead));
            }

            return first == 0 ? Array.Empty<T>() : Read(fetch, wait, pageSize, skip, first, onPage, maxAhead, cancellationToken);
        }

        private static IEnumerable<T> Read<T>(Func<int, CancellationToken, Task<Page<T>>> fetch, Func<Task<Page<T>>, Page<T>> wait,
            int pageSize, ulong skip, ulong first, Action<PageProgress>? onPage, int maxAhead, CancellationToken cancellationToken)
        {
            var pageNumber = skip / (ulong)pageSize >= int.MaxValue ? int.MaxValue : (int)(skip / (ulong)pageSize) + 1;
            var skipInPage = (int)(skip % (ulong)pageSize);
            // The last page -First can need: items wanted, counted from the start of the first page read.
            var wanted = first == ulong.MaxValue ? ulong.MaxValue : first + (ulong)skipInPage;
            var lastNeeded = wanted == ulong.MaxValue || wanted / (ulong)pageSize >= int.MaxValue
                ? int.MaxValue : (int)Math.Min(int.MaxValue, (long)pageNumber - 1 + (long)((wanted + (ulong)pageSize - 1) / (ulong)pageSize));
            var ahead = new Queue<Task<Page<T>>>();
            var nextToStart = pageNumber;
            var depth = 0;
            CancellationTokenSource? stopAhead = null;
            long written = 0;
            try
            {
                while (true)
                {
                    Task<Page<T>> next;
                    if (ahead.Count > 0)
                    {
                        next = ahead.Dequeue();
                    }
                    else
                    {
                        next = fetch(pageNumber, stopAhead?.Token ?? cancellationToken);
                        nextToStart = pageNumber + 1;
                    }

                    var waited = !next.IsCompleted;
                    var page = wait(next);
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

                    var knownLast = Math.Min(lastNeeded, LastPage(page, pageSize));
                    if (page.Items.Count < pageSize || pageNumber >= knownLast)
                    {
                        yield break;
                    }

                    skipInPage = 0;
                    pageNumber++;
                    if (maxAhead == 0)
                    {
                        continue;
                    }

                    // The consumer asked past this page: keep the next pages in flight.
                    depth = depth == 0 ? 1 : waited ? Math.Min(maxAhead, Math.Max(InitialDepth, depth * 2)) : depth;
                    stopAhead ??= CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var until = (int)Math.Min(knownLast, (long)pageNumber + depth - 1);
                    while (nextToStart <= until)
                    {
                        ahead.Enqueue(fetch(nextToStart, stopAhead.Token));
                        nextToStart++;
                    }
                }
            }
            finally
            {
                if (ahead.Count > 0)
                {
                    stopAhead?.Cancel();
                    foreach (var abandoned in ahead)
                    {
                        // Observed, so a failure of a page nobody reads is not an unobserved task exception.
                        _ = abandoned.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }
                }
            }
        }

        /// <summary>The last page as the reply tells it (page count, or total items), else int.MaxValue.</summary>
        private static int LastPage<T>(Page<T> page, int pageSize)
        {
            var last = page.PageCount ?? int.MaxValue;
            if (page.TotalCount.HasValue)
            {
                last = (int)Math.Min(last, Math.Max(0, (page.TotalCount.Value + pageSize - 1) / pageSize));
            }

            return last;
        }
    }
}
