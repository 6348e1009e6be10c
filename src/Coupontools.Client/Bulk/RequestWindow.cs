using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Coupontools.Client.Bulk
{
    /// <summary>The end of one unit of work in a <see cref="RequestWindow{TInput, TResult}"/>.</summary>
    public sealed class WindowItem<TInput, TResult>
    {
        internal WindowItem(long index, TInput input, Task<TResult> task)
        {
            Index = index;
            Input = input;
            Task = task;
        }

        /// <summary>Position of the input, from 0, in the order it was started.</summary>
        public long Index { get; }

        public TInput Input { get; }

        internal Task<TResult> Task { get; }

        internal bool Done { get; set; }

        /// <summary>False only for a call still running when <c>DrainRemaining</c> gave up waiting.</summary>
        public bool IsFinished => Task.IsCompleted;

        public bool Succeeded => Task.Status == TaskStatus.RanToCompletion;

        /// <summary>The result; only when <see cref="Succeeded"/>.</summary>
        public TResult Result => Task.GetAwaiter().GetResult();

        /// <summary>Why the work failed (the exception itself, not an AggregateException); null when it succeeded.</summary>
        public Exception? Error => Task.IsFaulted
            ? (Task.Exception!.InnerExceptions.Count == 1 ? Task.Exception.InnerExceptions[0] : Task.Exception)
            : Task.IsCanceled ? new OperationCanceledException() : null;
    }

    /// <summary>
    /// Keeps up to <see cref="MaxInFlight"/> asynchronous calls running for a stream of inputs, and hands
    /// their ends back to ONE consuming thread (a cmdlet's pipeline thread), which alone writes them.
    /// <para>
    /// Ordered (the default): an end is handed out only after every earlier input's end, so the output
    /// is in input order. A finished call waits in the reorder buffer; the buffer is bounded by
    /// <see cref="MaxPending"/> (in flight plus waiting), so memory stays flat however long the input:
    /// when it is full, the consumer waits for the oldest call. Unordered: each end is handed out as
    /// soon as it is ready (the earliest ready input first), so one slow call never holds back others.
    /// </para>
    /// <para>
    /// An item leaves the window only when the consumer's write callback returns: if the write throws
    /// (a stopped pipeline), the item stays and can still be collected with <see cref="DrainRemaining"/>.
    /// Nothing started is lost, nothing is handed out twice.
    /// </para>
    /// </summary>
    public sealed class RequestWindow<TInput, TResult>
    {
        private readonly object gate = new object();
        private readonly object takeGate = new object();
        private readonly List<WindowItem<TInput, TResult>> pending = new List<WindowItem<TInput, TResult>>();
        private long nextIndex;
        private int inFlight;
        private bool closed;
        private long completed;
        private long handedOut;

        /// <param name="maxInFlight">Calls running at once, at least 1.</param>
        /// <param name="ordered">Hand ends out in input order.</param>
        /// <param name="maxPending">Started and not yet handed out, at least <paramref name="maxInFlight"/>;
        /// default <see cref="DefaultMaxPending"/> or four times <paramref name="maxInFlight"/>, whichever is more.
        /// A call that is retried after a backoff holds back the ordered output; the larger buffer lets the
        /// other calls go on meanwhile.</param>
        public RequestWindow(int maxInFlight, bool ordered = true, int maxPending = 0)
        {
            if (maxInFlight < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxInFlight), maxInFlight, "At least one call must be allowed in flight.");
            }

            MaxInFlight = maxInFlight;
            Ordered = ordered;
            MaxPending = Math.Max(maxInFlight, maxPending > 0 ? maxPending : Math.Max(DefaultMaxPending, maxInFlight * 4));
        }

        /// <summary>The default bound of the reorder buffer: small objects, so a flat megabyte or so.</summary>
        public const int DefaultMaxPending = 1024;

        public int MaxInFlight { get; }

        public int MaxPending { get; }

        public bool Ordered { get; }

        /// <summary>Calls started and not finished.</summary>
        public int InFlight
        {
            get { lock (gate) return inFlight; }
        }

        /// <summary>Calls started and not yet handed out (running, or finished and waiting for their turn).</summary>
        public int Pending
        {
            get { lock (gate) return pending.Count; }
        }

        /// <summary>The largest number of calls that were ever running at once (for tests and diagnostics).</summary>
        public int PeakInFlight { get; private set; }

        public long Started
        {
            get { lock (gate) return nextIndex; }
        }

        public long Completed
        {
            get { lock (gate) return completed; }
        }

        public long HandedOut
        {
            get { lock (gate) return handedOut; }
        }

        public bool HasRoom
        {
            get { lock (gate) return HasRoomLocked; }
        }

        private bool HasRoomLocked => inFlight < MaxInFlight && pending.Count < MaxPending;

        /// <summary>
        /// Starts <paramref name="work"/> for <paramref name="input"/> now. Call only when <see cref="HasRoom"/>
        /// (after <see cref="WaitForRoom"/>). A synchronous throw of <paramref name="work"/> becomes that item's error.
        /// Returns false, without calling <paramref name="work"/>, once <see cref="DrainRemaining"/> has closed the window.
        /// </summary>
        public bool Start(TInput input, Func<Task<TResult>> work)
        {
            lock (gate)
            {
                if (closed)
                {
                    return false;
                }

                if (!HasRoomLocked)
                {
                    throw new InvalidOperationException("The window is full: wait for room before starting more work.");
                }

                inFlight++;
                PeakInFlight = Math.Max(PeakInFlight, inFlight);
            }

            // The call's synchronous part runs outside the lock, so finishing calls are never held up by it.
            Task<TResult> task;
            try
            {
                task = work() ?? throw new InvalidOperationException("The work returned no task.");
            }
            catch (Exception ex)
            {
                var failed = new TaskCompletionSource<TResult>();
                failed.SetException(ex);
                task = failed.Task;
            }

            WindowItem<TInput, TResult> item;
            lock (gate)
            {
                item = new WindowItem<TInput, TResult>(nextIndex++, input, task);
                pending.Add(item);
            }

            task.ContinueWith(_ => OnDone(item), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return true;
        }

        /// <summary>Hands out every item that is ready now (in order when ordered), without waiting.</summary>
        public void WriteReady(Action<WindowItem<TInput, TResult>> write)
        {
            while (TryWriteNext(write))
            {
            }
        }

        /// <summary>
        /// Hands out ready items and waits until one more call can start. Returns false (without
        /// waiting further) when <paramref name="stop"/> is cancelled.
        /// </summary>
        public bool WaitForRoom(Action<WindowItem<TInput, TResult>> write, CancellationToken stop)
        {
            using (stop.Register(Wake))
            while (true)
            {
                WriteReady(write);
                lock (gate)
                {
                    if (HasRoomLocked)
                    {
                        return true;
                    }

                    if (stop.IsCancellationRequested)
                    {
                        return false;
                    }

                    if (NextReadyLocked() == null)
                    {
                        Monitor.Wait(gate);
                    }
                }
            }
        }

        /// <summary>Waits for every started call and hands each out. Returns false when <paramref name="stop"/> was cancelled first.</summary>
        public bool WriteAll(Action<WindowItem<TInput, TResult>> write, CancellationToken stop)
        {
            using (stop.Register(Wake))
            while (true)
            {
                WriteReady(write);
                lock (gate)
                {
                    if (pending.Count == 0)
                    {
                        return true;
                    }

                    if (stop.IsCancellationRequested)
                    {
                        return false;
                    }

                    if (NextReadyLocked() == null)
                    {
                        Monitor.Wait(gate);
                    }
                }
            }
        }

        /// <summary>
        /// After a stop: closes the window (nothing more starts), waits (up to <paramref name="timeout"/>) for the
        /// calls still running and returns every item not handed out, in input order, removing them. Safe to call
        /// from another thread than the consumer.
        /// </summary>
        public IReadOnlyList<WindowItem<TInput, TResult>> DrainRemaining(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            lock (takeGate)
            {
                lock (gate)
                {
                    closed = true;
                    while (inFlight > 0)
                    {
                        var left = deadline - DateTime.UtcNow;
                        if (left <= TimeSpan.Zero)
                        {
                            break;
                        }

                        Monitor.Wait(gate, left);
                    }

                    var rest = pending.ToArray();
                    pending.Clear();
                    handedOut += rest.Length;
                    return rest;
                }
            }
        }

        private bool TryWriteNext(Action<WindowItem<TInput, TResult>> write)
        {
            lock (takeGate)
            {
                WindowItem<TInput, TResult>? next;
                lock (gate)
                {
                    next = NextReadyLocked();
                }

                if (next == null)
                {
                    return false;
                }

                write(next);
                lock (gate)
                {
                    pending.Remove(next);
                    handedOut++;
                    Monitor.PulseAll(gate);
                }

                return true;
            }
        }

        private WindowItem<TInput, TResult>? NextReadyLocked()
        {
            if (pending.Count == 0)
            {
                return null;
            }

            if (Ordered)
            {
                return pending[0].Done ? pending[0] : null;
            }

            foreach (var item in pending)
            {
                if (item.Done)
                {
                    return item;
                }
            }

            return null;
        }

        private void Wake()
        {
            lock (gate)
            {
                Monitor.PulseAll(gate);
            }
        }

        private void OnDone(WindowItem<TInput, TResult> item)
        {
            lock (gate)
            {
                item.Done = true;
                inFlight--;
                completed++;
                Monitor.PulseAll(gate);
            }
        }
    }
}
