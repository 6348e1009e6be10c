namespace Coupontools
{
    /// <summary>
    /// The two product generations the vendor runs side by side (api/CONTRACT-2025.md): the legacy v3 products
    /// (web loyalty cards, directories with <c>loy_</c>/<c>dir_</c> ids) and the v4 REST ones (wallet loyalty
    /// cards, v4 directories, bare numeric ids). A listing without an id returns both, each object saying which.
    /// </summary>
    public enum ProductGeneration
    {
        /// <summary>The v3 envelope endpoints (<c>/v3/directory/…</c>, <c>/v3/loyalty/…</c>).</summary>
        Legacy,

        /// <summary>The v4 REST endpoints (<c>/v4/directory</c>, <c>/v4/loyalty/loyalty-cards</c>).</summary>
        V4,
    }
}
