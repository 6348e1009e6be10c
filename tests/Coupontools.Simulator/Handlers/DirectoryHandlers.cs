using System.Text.Json;

namespace Coupontools.Simulator;

/// <summary>Directories, their campaigns and registered users; categories.</summary>
static class DirectoryHandlers
{
    public const int UsersPerPage = 100;

    public static void Register(Dictionary<string, Handler> map)
    {
        map["/v3/directory/list"] = List;
        map["/v3/directory/info"] = Info;
        map["/v3/directory/campaigns"] = Campaigns;
        map["/v3/directoryusers/list"] = Users;
        map["/v3/directoryusers/update"] = UpdateUser;
        map["/v3/category/list"] = r => Reply.Ok(w =>
        {
            w.WriteStartObject("categories");
            foreach (var (id, name) in r.Store.Categories) w.WriteString("cat_" + id, name);
            w.WriteEndObject();
        });
        map["/v3/category/main/list"] = _ => Reply.Ok(w =>
        {
            w.WriteStartObject("main_categories");
            w.WriteString("123", "EU");
            w.WriteString("124", "USA");
            w.WriteString("125", "Other");
            w.WriteEndObject();
        });
    }

    static DirectoryInfo Find(ApiRequest r) => r.Store.Directories.Find(r.Id("directory", "dir_")) ?? throw ApiError.Directory();

    static void Members(Utf8JsonWriter w, DirectoryInfo d)
    {
        w.WriteString("ID", d.Id);
        w.WriteString("name", d.Name);
        w.WriteString("url", d.Url);
    }

    static Reply List(ApiRequest r)
    {
        var dirs = r.Store.Directories.All();
        return Reply.Ok(w =>
        {
            w.Objects("directories", dirs, d => Members(w, d));
        });
    }

    static Reply Info(ApiRequest r)
    {
        var d = Find(r);
        int users = r.Store.Directories.Users(d.Number).Length;
        return Reply.Ok(w =>
        {
            w.WriteStartObject("directory");
            Members(w, d);
            w.Num("amount_of_users", users);
            w.WriteEndObject();
        });
    }

    static Reply Campaigns(ApiRequest r)
    {
        var d = Find(r);
        var list = d.Campaigns.Select(r.Store.FindCampaign).OfType<Campaign>().ToList();
        return Reply.Ok(w => CampaignHandlers.CouponInfoArray(w, list));
    }

    static Reply Users(ApiRequest r)
    {
        var d = Find(r);
        int page = r.Page();
        var all = r.Store.Directories.Users(d.Number);
        var slice = all.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * UsersPerPage)).Take(UsersPerPage).ToList();
        return Reply.Ok(w =>
        {
            w.Num("amount_of_results", all.Length);
            w.Num("page", page);
            w.Num("amount_of_pages", (all.Length + UsersPerPage - 1) / UsersPerPage);
            w.Objects("users", slice, u =>
            {
                w.WriteString("ID", u.Id);
                w.WriteString("email", u.Email);
                w.WriteString("first_name", u.FirstName);
                w.WriteString("last_name", u.LastName);
                w.WriteString("payment_status", u.Paid ? "paid" : "unpaid");
                w.Date("registration_date_utc", u.Registered);
            });
        });
    }

    static Reply UpdateUser(ApiRequest r)
    {
        var d = Find(r);
        long user = r.Id("user", "reg_");
        string status = r.OneOf("payment_status", "paid", "unpaid") ?? throw ApiError.Missing("payment_status");
        var (u, changed) = r.Store.Directories.SetPaid(d.Number, user, status == "paid") ?? throw ApiError.User();
        if (changed) r.Wrote();
        return Reply.Ok(w =>
        {
            w.WriteStartObject("user");
            w.WriteString("ID", u.Id);
            w.WriteString("email", u.Email);
            w.WriteString("payment_status", u.Paid ? "paid" : "unpaid");
            w.WriteEndObject();
        });
    }
}
