using System.Collections.Generic;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Http;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>The v4 directory requests of the REST family (api/contract-2025.json's v4_directory_* entries), ids in the path.</summary>
    internal static class DirectoryRest
    {
        public static readonly Endpoint List = EndpointCatalog.RestAction("v4_directory_list");
        public static readonly Endpoint Get = EndpointCatalog.RestAction("v4_directory_get");
        public static readonly Endpoint Users = EndpointCatalog.RestAction("v4_directory_users");
        public static readonly Endpoint UserGet = EndpointCatalog.RestAction("v4_directory_user_get");
        public static readonly Endpoint UserCreate = EndpointCatalog.RestAction("v4_directory_user_create");
        public static readonly Endpoint UserUpdate = EndpointCatalog.RestAction("v4_directory_user_update");
        public static readonly Endpoint AccessGrant = EndpointCatalog.RestAction("v4_directory_access_grant");
        public static readonly Endpoint AccessRevoke = EndpointCatalog.RestAction("v4_directory_access_revoke");
        public static readonly Endpoint UserSso = EndpointCatalog.RestAction("v4_directory_user_sso");
        public static readonly Endpoint SendEmail = EndpointCatalog.RestAction("v4_directory_send_email");
        public static readonly Endpoint SendSms = EndpointCatalog.RestAction("v4_directory_send_sms");

        public static ApiRequest Request(Endpoint endpoint, IDictionary<string, object?>? body, params string[] ids) => ApiRequest.Rest(endpoint, ids, body);
    }
}
