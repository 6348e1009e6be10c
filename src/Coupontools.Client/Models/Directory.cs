using System;
using System.Collections.Generic;
using Coupontools.Client.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools
{
    /// <summary>A coupon directory: a public page listing campaigns, with registered users; legacy (<c>dir_</c>) or v4 (a number).</summary>
    public sealed class Directory : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        /// <summary>Legacy (v3, <c>dir_</c> ids) or V4 (REST, numeric ids).</summary>
        public ProductGeneration Kind { get; set; }

        /// <summary>The v4 directory's short code (the last part of its URL).</summary>
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public string? Url { get; set; }

        public string? PreviewImage { get; set; }

        public long? UserCount { get; set; }

        public DateTime? CreatedDate { get; set; }

        public DateTime? UpdatedDate { get; set; }

        public override string ToString() => Name == null ? Id : $"{Name} ({Id})";

        /// <summary>A legacy directory of <c>/v3/directory/list</c> or <c>/info</c>.</summary>
        public static Directory FromJson(JObject json)
        {
            var r = new ModelReader(json);
            var directory = new Directory
            {
                Id = r.String("ID") ?? string.Empty,
                Kind = ProductGeneration.Legacy,
                Name = r.String("name"),
                Url = r.String("url"),
                UserCount = r.Long("amount_of_users"),
            };
            directory.KeepRest(r);
            return directory;
        }

        /// <summary>A v4 directory of <c>GET /v4/directory</c> or <c>GET /v4/directory/{id}</c>.</summary>
        public static Directory FromV4Json(JObject json)
        {
            var r = new ModelReader(json);
            var directory = new Directory
            {
                Id = r.String("id") ?? string.Empty,
                Kind = ProductGeneration.V4,
                Code = r.String("code"),
                Name = r.String("name"),
                Description = r.String("description"),
                PreviewImage = r.String("preview_image"),
                CreatedDate = r.Date("created_at"),
                UpdatedDate = r.Date("updated_at"),
                Url = r.String("url"),
            };
            directory.KeepRest(r);
            return directory;
        }
    }

    /// <summary>A user registered in a directory (legacy: <c>reg_</c> ids; v4: numbers).</summary>
    public sealed class DirectoryUser : ApiObject
    {
        public string Id { get; set; } = string.Empty;

        public ProductGeneration Kind { get; set; }

        public string? Directory { get; set; }

        public string? Email { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Phone { get; set; }

        /// <summary><c>paid</c> or <c>unpaid</c>, as the API says (legacy directories).</summary>
        public string? PaymentStatus { get; set; }

        public DateTime? RegistrationDate { get; set; }

        /// <summary>v4: true when the user may not enter the directory (Set-CtDirectoryUser -Blocked).</summary>
        public bool? Blocked { get; set; }

        /// <summary>v4: the user's paid access as the API sends it (JSON text; null without one).</summary>
        public string? Subscription { get; set; }

        /// <summary>v4: the sign-in provider, as the API names it.</summary>
        public string? Provider { get; set; }

        /// <summary>v4: when the user was linked to the directory (UTC).</summary>
        public DateTime? LinkedDate { get; set; }

        public DateTime? UpdatedDate { get; set; }

        public override string ToString() => Email == null ? Id : $"{Email} ({Id})";

        public static DirectoryUser FromJson(JObject json, string? directory)
        {
            var r = new ModelReader(json);
            var user = new DirectoryUser
            {
                Id = r.String("ID") ?? string.Empty,
                Kind = ProductGeneration.Legacy,
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

        /// <summary>
        /// A v4 directory user (list, get, create, update): the person's fields sit in <c>data</c>; those the type does not
        /// name (birth date, address, custom fields) are kept in AdditionalProperties under their wire names.
        /// </summary>
        public static DirectoryUser FromV4Json(JObject json, string? directory)
        {
            var r = new ModelReader(json);
            var data = r.Child("data");
            var user = new DirectoryUser
            {
                Id = r.String("id") ?? string.Empty,
                Kind = ProductGeneration.V4,
                Directory = directory,
                Email = data?.String("email"),
                FirstName = data?.String("first_name"),
                LastName = data?.String("last_name"),
                Phone = data?.String("phone"),
                Subscription = r.Token("subscription") is JToken subscription && subscription.Type != JTokenType.Null
                    ? (subscription is JValue value ? JsonValues.ToText(value) : subscription.ToString(Newtonsoft.Json.Formatting.None))
                    : null,
                Provider = r.String("provider"),
                Blocked = r.Bool("blocked"),
                LinkedDate = r.Date("linked_at"),
                RegistrationDate = r.Date("created_at"),
                UpdatedDate = r.Date("updated_at"),
            };
            user.KeepRest(r);
            if (data != null)
            {
                user.KeepRest(data);
            }

            return user;
        }
    }

    /// <summary>The answer to granting or revoking a v4 directory user's paid access.</summary>
    public sealed class DirectoryAccessResult : ApiObject
    {
        public string Directory { get; set; } = string.Empty;

        public string User { get; set; } = string.Empty;

        /// <summary>Granted or Revoked: what was asked.</summary>
        public string Action { get; set; } = string.Empty;

        /// <summary>The UTC end of the access granted; null for no end, or for a revoke.</summary>
        public DateTime? ExpiresAt { get; set; }

        /// <summary>The API's words (<c>Paid access granted</c>).</summary>
        public string? Message { get; set; }

        public override string ToString() => Message ?? $"{Action} {User}";

        public static DirectoryAccessResult FromJson(JObject json, string directory, string user, string action, DateTime? expiresAt)
        {
            var r = new ModelReader(json);
            var result = new DirectoryAccessResult { Directory = directory, User = user, Action = action, ExpiresAt = expiresAt, Message = r.String("message") };
            result.KeepRest(r);
            return result;
        }
    }

    /// <summary>A v4 directory sent by e-mail or SMS: what the API says it sent.</summary>
    public sealed class DirectoryDelivery : ApiObject
    {
        public string Directory { get; set; } = string.Empty;

        /// <summary>Email or Sms.</summary>
        public string Channel { get; set; } = string.Empty;

        /// <summary>The API's status (<c>sent</c>).</summary>
        public string? Status { get; set; }

        public string? Receiver { get; set; }

        public string? Sender { get; set; }

        public string? Subject { get; set; }

        public string? Body { get; set; }

        public override string ToString() => $"{Status} {Receiver}";

        public static DirectoryDelivery FromJson(JObject json, string directory, string channel)
        {
            var r = new ModelReader(json);
            var delivery = new DirectoryDelivery
            {
                Directory = directory,
                Channel = channel,
                Status = r.String("status"),
                Receiver = r.String("receiver"),
                Sender = r.String("sender"),
                Subject = r.String("subject"),
                Body = r.String("body"),
            };
            delivery.KeepRest(r);
            return delivery;
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
