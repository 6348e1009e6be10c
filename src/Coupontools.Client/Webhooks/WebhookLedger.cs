using System;

namespace Coupontools.Client.Webhooks
{
    /// <summary>What the ledger decided for one signed, well-formed delivery.</summary>
    public enum Admission
    {
        /// <summary>New: queued and recorded; answer 200.</summary>
        Accepted,
        /// <summary>Handled before (in this run or, with a state file, an earlier one): answer 200, write nothing.</summary>
        Duplicate,
        /// <summary>The queue is full: answer 503 so the sender comes back; nothing recorded.</summary>
        Busy,
        /// <summary>Queued, but the state file could not be written: answer 500 so the sender comes back.</summary>
        NotRecorded,
    }

    /// <summary>
    /// The deliveries already handled, consulted by the listener's request threads before a delivery is
    /// answered: a new one is queued, then recorded (in memory, and in the state file when there is one),
    /// and only then answered 2xx; one seen before is answered 2xx and not queued again. Deliveries
    /// without an id cannot be told apart and are always queued.
    /// </summary>
    public sealed class WebhookLedger : IDisposable
    {
        private readonly object gate = new object();
        private readonly RecentIds recent;
        private readonly WebhookStateFile? file;
        private volatile bool closed;

        public WebhookLedger(WebhookStateFile? file = null, int capacity = 100000)
        {
            this.file = file;
            recent = new RecentIds(capacity);
        }

        /// <summary>Why the last <see cref="Admission.NotRecorded"/> happened.</summary>
        public Exception? LastFailure { get; private set; }

        /// <summary>
        /// Takes no more deliveries (they are answered 503 and come again): called when the pipeline is done,
        /// so nothing is acknowledged, and recorded as handled, that will never be written.
        /// </summary>
        public void Close() => closed = true;

        public Admission Admit(WebhookEvent webhookEvent, Func<bool> enqueue)
        {
            if (webhookEvent.EventId.Length == 0)
            {
                return !closed && enqueue() ? Admission.Accepted : Admission.Busy;
            }

            var key = WebhookStateFile.Key(webhookEvent.Type, webhookEvent.EventId);
            lock (gate)
            {
                if (recent.Contains(key) || file?.Contains(key) == true)
                {
                    return Admission.Duplicate;
                }

                if (closed)
                {
                    return Admission.Busy;
                }

                if (!enqueue())
                {
                    return Admission.Busy;
                }

                recent.Add(key);
                try
                {
                    file?.Record(key, DateTime.UtcNow);
                }
                catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
                {
                    LastFailure = ex;
                    return Admission.NotRecorded;
                }

                return Admission.Accepted;
            }
        }

        public void Dispose()
        {
            closed = true;
            lock (gate)
            {
                file?.Dispose();
            }
        }
    }
}
