namespace Coupontools.Client.Http
{
    /// <summary>
    /// Receives what a request did, from whatever thread the request ran on. Texts are already
    /// redacted. A cmdlet queues them and writes them on the pipeline thread.
    /// </summary>
    public interface IRequestObserver
    {
        /// <summary>One line per attempt: method, path, status, milliseconds, retry.</summary>
        void OnTrace(string line);

        /// <summary>False when nobody reads bodies: the client then skips rendering and redacting them.</summary>
        bool WantsBodies { get; }

        /// <summary>Request and reply bodies.</summary>
        void OnBody(string text);
    }
}
