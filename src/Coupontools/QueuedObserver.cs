using System.Collections.Concurrent;
using Coupontools.Client.Http;

namespace Coupontools.PowerShell
{
    /// <summary>
    /// Collects trace lines and bodies from whatever thread a request ran on; the cmdlet writes them
    /// on the pipeline thread with <see cref="Drain"/>.
    /// </summary>
    internal sealed class QueuedObserver : IRequestObserver
    {
        private readonly ConcurrentQueue<(bool IsBody, string Text)> queue = new ConcurrentQueue<(bool, string)>();

        public QueuedObserver(bool wantsBodies)
        {
            WantsBodies = wantsBodies;
        }

        public bool WantsBodies { get; }

        public void OnTrace(string line) => queue.Enqueue((false, line));

        public void OnBody(string text) => queue.Enqueue((true, text));

        public void Drain(System.Action<string> verbose, System.Action<string> debug)
        {
            while (queue.TryDequeue(out var entry))
            {
                if (entry.IsBody)
                {
                    debug(entry.Text);
                }
                else
                {
                    verbose(entry.Text);
                }
            }
        }
    }
}
