using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Json
{
    /// <summary>
    /// Receives the payload of a reply, one top-level property at a time, while the envelope
    /// parser handles <c>status</c> and <c>errors</c>. Each call must consume the property's value.
    /// </summary>
    public abstract class ReplyReader<T>
    {
        public abstract void ReadProperty(string name, JsonReader reader);

        public abstract T GetResult();

        /// <summary>True when a 2xx reply of this media type is taken as it is instead of as the JSON envelope (an image, for example).</summary>
        public virtual bool TakesRaw(string? mediaType) => false;

        /// <summary>Reads a reply that <see cref="TakesRaw"/> accepted.</summary>
        public virtual void ReadRaw(string? mediaType, System.IO.Stream body) => throw new System.NotSupportedException();

        /// <summary>Loading settings shared by every reader: the first of repeated keys wins.</summary>
        public static readonly JsonLoadSettings LoadSettings = new JsonLoadSettings
        {
            DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Ignore,
            CommentHandling = CommentHandling.Ignore,
            LineInfoHandling = LineInfoHandling.Ignore,
        };
    }

    /// <summary>Collects the whole payload (the reply without its envelope) into one object.</summary>
    public sealed class PayloadReader : ReplyReader<JObject>
    {
        private readonly JObject payload = new JObject();

        public override void ReadProperty(string name, JsonReader reader)
        {
            var value = JToken.ReadFrom(reader, LoadSettings);
            if (payload.Property(name) == null)
            {
                payload.Add(name, value);
            }
        }

        public override JObject GetResult() => payload;
    }

    /// <summary>One page of a paged list.</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, long? totalCount, int? pageNumber, int? pageCount)
        {
            Items = items;
            TotalCount = totalCount;
            PageNumber = pageNumber;
            PageCount = pageCount;
        }

        public IReadOnlyList<T> Items { get; }

        /// <summary><c>amount_of_results</c>: items across all pages, when the API says.</summary>
        public long? TotalCount { get; }

        public int? PageNumber { get; }

        /// <summary><c>amount_of_pages</c>, when the API says.</summary>
        public int? PageCount { get; }
    }

    /// <summary>
    /// Reads a paged reply item by item from the token stream: only one item is materialised as a
    /// JSON tree at a time, and each becomes a model object straight away.
    /// </summary>
    public sealed class PageReader<T> : ReplyReader<Page<T>>
    {
        private readonly string arrayName;
        private readonly System.Func<JsonReader, T> readItem;
        private readonly List<T> items = new List<T>();
        private long? total;
        private int? page;
        private int? pages;

        public PageReader(string arrayName, System.Func<JObject, T> map)
            : this(arrayName, reader => map(JObject.Load(reader, LoadSettings)))
        {
        }

        /// <summary>
        /// Reads each item straight from the token stream, without building a JSON tree: <paramref name="readItem"/>
        /// gets the reader on the item's StartObject and must leave it on the matching EndObject.
        /// </summary>
        public PageReader(string arrayName, System.Func<JsonReader, T> readItem)
        {
            this.arrayName = arrayName;
            this.readItem = readItem;
        }

        public override void ReadProperty(string name, JsonReader reader)
        {
            switch (name)
            {
                case "amount_of_results":
                    total = JsonValues.ToLong(JToken.ReadFrom(reader, LoadSettings));
                    return;
                case "page":
                    page = JsonValues.ToInt(JToken.ReadFrom(reader, LoadSettings));
                    return;
                case "amount_of_pages":
                    pages = JsonValues.ToInt(JToken.ReadFrom(reader, LoadSettings));
                    return;
            }

            if (name != arrayName || reader.TokenType != JsonToken.StartArray)
            {
                reader.Skip();
                return;
            }

            while (reader.Read() && reader.TokenType != JsonToken.EndArray)
            {
                if (reader.TokenType == JsonToken.StartObject)
                {
                    items.Add(readItem(reader));
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonToken.EndArray)
            {
                throw new System.IO.InvalidDataException($"The reply ends inside its '{arrayName}' list.");
            }
        }

        public override Page<T> GetResult() => new Page<T>(items, total, page, pages);
    }
}
