using System.Collections.Generic;
using Coupontools.Client.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Bulk
{
    /// <summary>
    /// Reads a <c>/v3/multiplesingleuse/create</c> reply in either printed shape: the legacy list (<c>data[]</c>, one
    /// item per code with its <c>sequence_id</c>, streamed item by item), or the 2025 print, which shows one code at the
    /// top level like <c>/v3/singleuse/create</c> (one URL). See api/ASSUMED.md.
    /// </summary>
    public sealed class SingleUseBatchReader : ReplyReader<IReadOnlyList<SingleUseUrl>>
    {
        private readonly string campaign;
        private readonly List<SingleUseUrl> items = new List<SingleUseUrl>();
        private readonly JObject top = new JObject();
        private bool sawList;

        public SingleUseBatchReader(string campaign)
        {
            this.campaign = campaign;
        }

        public override void ReadProperty(string name, JsonReader reader)
        {
            if (name != "data" || reader.TokenType != JsonToken.StartArray)
            {
                var value = JToken.ReadFrom(reader, LoadSettings);
                if (top.Property(name) == null)
                {
                    top.Add(name, value);
                }

                return;
            }

            sawList = true;
            while (reader.Read() && reader.TokenType != JsonToken.EndArray)
            {
                if (reader.TokenType == JsonToken.StartObject)
                {
                    items.Add(SingleUseUrl.FromJson(JObject.Load(reader, LoadSettings), campaign));
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonToken.EndArray)
            {
                throw new System.IO.InvalidDataException("The reply ends inside its 'data' list.");
            }
        }

        public override IReadOnlyList<SingleUseUrl> GetResult()
        {
            if (!sawList && top["single_use_code"] != null)
            {
                items.Add(SingleUseUrl.FromJson(top, campaign));
            }

            return items;
        }

        /// <summary>The URLs of a whole reply object (the fixture tests' entry point).</summary>
        public static IReadOnlyList<SingleUseUrl> FromJson(JObject reply, string campaign)
        {
            var reader = new SingleUseBatchReader(campaign);
            using (var json = reply.CreateReader())
            {
                json.Read();
                while (json.Read() && json.TokenType == JsonToken.PropertyName)
                {
                    var name = (string)json.Value!;
                    json.Read();
                    if (name == "status")
                    {
                        json.Skip();
                    }
                    else
                    {
                        reader.ReadProperty(name, json);
                    }
                }
            }

            return reader.GetResult();
        }
    }
}
