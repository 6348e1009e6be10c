using System;
using System.Collections.Generic;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>A coupon directory: a public page listing campaigns, with registered users.</summary>
    public sealed class Directory : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        public string? Name { get; set; }

        public string? Url { get; set; }

        public long? UserCount { get; set; }

        public override string ToString() => Name == null ? Id : $"{Name} ({Id})";

        public static Directory FromJson(JObject json)
        {
            var r = new ModelReader(json);
            var directory = new Directory
            {
                Id = r.String("ID") ?? string.Empty,
                Name = r.String("name"),
                Url = r.String("url"),
                UserCount = r.Long("amount_of_users"),
            };
            directory.KeepRest(r);
            return directory;
        }
    }

    /// <summary>A user registered in a directory.</summary>
    public sealed class DirectoryUser : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        public string? Directory { get; set; }

        public string? Email { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        /// <summary><c>paid</c> or <c>unpaid</c>, as the API says.</summary>
        public string? PaymentStatus { get; set; }

        public DateTime? RegistrationDate { get; set; }

        public override string ToString() => Email == null ? Id : $"{Email} ({Id})";

        public static DirectoryUser FromJson(JObject json, string? directory)
        {
            var r = new ModelReader(json);
            var user = new DirectoryUser
            {
                Id = r.String("ID") ?? string.Empty,
                Directory = r.String("directory") ?? directory,
                Email = r.String("email"),
                FirstName = r.String("first_name"),
                LastName = r.String("last_name"),
                PaymentStatus = r.String("payment_status"),
                RegistrationDate = r.Date("registration_date_utc"),
            };
            user.KeepRest(r);
            return user;
        }
    }

    /// <summary>A campaign category; the API returns categories as an id → name object.</summary>
    public sealed class Category : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        public string? Name { get; set; }

        /// <summary>3 for the third-level (main) list; null for the plain list, whose level the API does not say.</summary>
        public int? Level { get; set; }

        public override string ToString() => Name == null ? Id : $"{Name} ({Id})";

        /// <summary>
        /// One category per entry of an id → name object (<c>{"123":"EU","124":"USA"}</c>, as documented);
        /// an array of <c>{ID, name}</c> objects is read too. Repeated ids keep the first entry.
        /// </summary>
        public static IReadOnlyList<Category> FromMap(JToken? map, int? level)
        {
            var result = new List<Category>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            void Add(Category category)
            {
                if (category.Id.Length > 0 && seen.Add(category.Id))
                {
                    result.Add(category);
                }
            }

            if (map is JObject byId)
            {
                foreach (var property in byId.Properties())
                {
                    if (property.Value is JObject detail)
                    {
                        var item = FromJson(detail, level);
                        item.Id = property.Name;
                        Add(item);
                    }
                    else
                    {
                        Add(new Category { Id = property.Name, Name = JsonValues.ToText(property.Value), Level = level });
                    }
                }
            }
            else if (map is JArray list)
            {
                foreach (var detail in list.Children<JObject>())
                {
                    Add(FromJson(detail, level));
                }
            }

            return result;
        }

        private static Category FromJson(JObject json, int? level)
        {
            var r = new ModelReader(json);
            var category = new Category { Id = r.String("ID") ?? string.Empty, Name = r.String("name"), Level = level };
            category.KeepRest(r);
            return category;
        }
    }
}
