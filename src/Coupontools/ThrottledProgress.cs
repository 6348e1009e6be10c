using System;
using System.Diagnostics;
using System.Management.Automation;

namespace Coupontools.PowerShell
{
    /// <summary>Progress of long bulk work: shown once it has run a second, at most twice a second, and completed only if it was shown.</summary>
    internal sealed class ThrottledProgress
    {
        private readonly Stopwatch clock = new Stopwatch();
        private readonly int activityId;
        private readonly string activity;
        private ProgressRecord? record;
        private long lastMs = -1000;

        public ThrottledProgress(int activityId, string activity)
        {
            this.activityId = activityId;
            this.activity = activity;
        }

        public long ElapsedMilliseconds => clock.ElapsedMilliseconds;

        public void Start() => clock.Start();

        /// <summary>The record to write now, with the status <paramref name="status"/> gives; null when it is too soon.</summary>
        public ProgressRecord? Next(bool done, Func<string> status)
        {
            var elapsed = clock.ElapsedMilliseconds;
            if (!done && (elapsed < 1000 || elapsed - lastMs < 500))
            {
                return null;
            }

            if (record == null)
            {
                if (done)
                {
                    return null;
                }

                record = new ProgressRecord(activityId, activity, "Starting");
            }

            lastMs = elapsed;
            record.StatusDescription = status();
            record.RecordType = done ? ProgressRecordType.Completed : ProgressRecordType.Processing;
            return record;
        }
    }
}
