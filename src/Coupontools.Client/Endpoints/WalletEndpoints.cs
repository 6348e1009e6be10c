namespace Coupontools.Client.Endpoints
{
    /// <summary>The wallet loyalty card endpoints of the REST family, by name (templates in <see cref="EndpointCatalog"/>).</summary>
    public static class WalletEndpoints
    {
        public static Endpoint Cards => EndpointCatalog.RestAction("v4_loyalty_cards_list");

        public static Endpoint Copy => EndpointCatalog.RestAction("v4_loyalty_card_copy");

        public static Endpoint Users => EndpointCatalog.RestAction("v4_loyalty_users_list");

        public static Endpoint User => EndpointCatalog.RestAction("v4_loyalty_user_get");

        public static Endpoint CreateUser => EndpointCatalog.RestAction("v4_loyalty_user_create");

        public static Endpoint CreateUsers => EndpointCatalog.RestAction("v4_loyalty_users_bulk");

        public static Endpoint UpdateUser => EndpointCatalog.RestAction("v4_loyalty_user_update");

        public static Endpoint AddStamps => EndpointCatalog.RestAction("v4_loyalty_user_add_stamps");

        public static Endpoint UseRewards => EndpointCatalog.RestAction("v4_loyalty_user_use_rewards");

        public static Endpoint VoidUser => EndpointCatalog.RestAction("v4_loyalty_user_void");

        public static Endpoint DeleteUser => EndpointCatalog.RestAction("v4_loyalty_user_delete");

        public static Endpoint Push => EndpointCatalog.RestAction("v4_loyalty_push");
    }
}
