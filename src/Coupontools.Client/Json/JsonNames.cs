using Newtonsoft.Json;

namespace Coupontools.Client.Json
{
    /// <summary>
    /// Property names the reader hands out as shared strings instead of allocating each time it meets
    /// them: the envelope's and those repeated in every item of long lists (usage data). Filled once,
    /// then only read, so it is safe for concurrent readers.
    /// </summary>
    internal static class JsonNames
    {
        public static readonly JsonNameTable Table = Create();

        private static DefaultJsonNameTable Create()
        {
            var table = new DefaultJsonNameTable();
            foreach (var name in new[]
            {
                "status", "errors", "error_code", "error_message", "error_message_description", "amount_of_results", "page", "amount_of_pages", "data",
                "sequenceid", "session", "customid", "campaign", "session_url", "created_date_utc", "open_date_utc", "played_date_utc",
                "claim_date_utc", "validation_date_utc", "voided_date_utc", "locked", "claimtype", "validation_value", "value", "own_validation_code",
                "opened", "played", "claimed", "validated", "voided", "saved_to_passbook", "ID", "email", "first_name", "last_name", "users",
            })
            {
                table.Add(name);
            }

            return table;
        }
    }
}
