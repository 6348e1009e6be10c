using System;
using Coupontools.Client.Http;

namespace Coupontools
{
    /// <summary>
    /// A connection to one Coupontools account. Holds one HTTP client, safe to share across threads
    /// and runspaces. The secret lives only inside the client: no property, string form or JSON
    /// conversion of this object shows it.
    /// </summary>
    public sealed class Connection : IDisposable
    {
        public Connection(ClientOptions options)
        {
            Client = new CoupontoolsClient(options);
            ClientId = options.Subaccount ?? options.ClientId.Trim();
            Subaccount = options.Subaccount;
            BaseUri = options.BaseUri;
            TimeoutSec = (int)Math.Ceiling(options.Timeout.TotalSeconds);
            MaxRetryCount = options.MaxRetryCount;
            DeadlineSec = (int)Math.Ceiling(options.Deadline.TotalSeconds);
            MaxReplySizeMB = (int)Math.Ceiling(options.MaxReplyBytes / 1048576.0);
            MaxStringLengthMB = (int)Math.Ceiling(options.MaxStringLength / 1048576.0);
            Proxy = options.Proxy;
            ConnectedAt = DateTime.UtcNow;
            WebhookSignature = Coupontools.Client.Webhooks.WebhookSignature.FromSecret(options.ClientSecret);
        }

        /// <summary>
        /// The account's API key (client id). Not a secret: it identifies the account. For a connection
        /// made with Connect-CtAccount -Subaccount, the subaccount's id instead: the module keeps a
        /// subaccount's key as secret as its secret (SecureString on Subaccount), so it never shows here.
        /// </summary>
        public string ClientId { get; }

        /// <summary>The subaccount's id (sub_…) for a connection made with its own key; null for the main account.</summary>
        public string? Subaccount { get; }

        public Uri BaseUri { get; }

        public int TimeoutSec { get; }

        public int MaxRetryCount { get; }

        /// <summary>The longest one call may take, all its attempts and waits together.</summary>
        public int DeadlineSec { get; }

        /// <summary>The largest reply accepted, on the wire and inflated (MiB).</summary>
        public int MaxReplySizeMB { get; }

        /// <summary>The longest string a reply may hold (Mi characters).</summary>
        public int MaxStringLengthMB { get; }

        public Uri? Proxy { get; }

        /// <summary>When the connection was made (UTC).</summary>
        public DateTime ConnectedAt { get; }

        /// <summary>Identifies the connection for caches (completers).</summary>
        public Guid ConnectionId { get; } = Guid.NewGuid();

        public bool IsDisposed { get; private set; }

        internal CoupontoolsClient Client { get; }

        /// <summary>Checks x-hmac signatures of deliveries with this connection's secret (which it never shows).</summary>
        internal Coupontools.Client.Webhooks.WebhookSignature WebhookSignature { get; }

        /// <summary>The client behind the connection, for the module's cmdlets.</summary>
        public CoupontoolsClient GetClient() => IsDisposed
            ? throw new ObjectDisposedException(nameof(Connection), "This connection was closed by Disconnect-CtAccount. Run Connect-CtAccount again.")
            : Client;

        public override string ToString() => $"{ClientId} @ {BaseUri.GetLeftPart(UriPartial.Authority)}";

        public void Dispose()
        {
            IsDisposed = true;
            Client.Dispose();
        }
    }
}
