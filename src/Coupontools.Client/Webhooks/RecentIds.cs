using System;
using System.Collections.Generic;

namespace Coupontools.Client.Webhooks
{
    /// <summary>
    /// The last <see cref="Capacity"/> ids seen, for de-duplicating deliveries in bounded memory:
    /// when full, the oldest id is forgotten. Not thread-safe (the pipeline thread owns it).
    /// </summary>
    public sealed class RecentIds
    {
        private readonly HashSet<string> set = new HashSet<string>(StringComparer.Ordinal);
        private readonly Queue<string> order = new Queue<string>();

        public RecentIds(int capacity = 100000)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            Capacity = capacity;
        }

        public int Capacity { get; }

        public int Count => set.Count;

        public bool Contains(string id) => set.Contains(id);

        /// <summary>Remembers <paramref name="id"/>; false when it was already remembered.</summary>
        public bool Add(string id)
        {
            if (!set.Add(id))
            {
                return false;
            }

            order.Enqueue(id);
            if (order.Count > Capacity)
            {
                set.Remove(order.Dequeue());
            }

            return true;
        }
    }
}
