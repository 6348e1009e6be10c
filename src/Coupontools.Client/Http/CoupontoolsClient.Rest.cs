using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Endpoints;
using Coupontools.Client.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Coupontools.Client.Http
{
    /// <summary>
    /// What differs between the wire families (api/CONTRACT-2025.md, "Families"): the method and credential
    /// headers of each request, and the v4 REST family's replies: bare JSON (an object or an array, no envelope),
    /// with the HTTP status as the only sign of failure.
    /// </summary>
    public sealed partial class CoupontoolsClient
    {
        /// <summary>Sends a v4 REST request and returns its reply as it came (an object, an array, or null for a 204).</summary>
        public Task<JToken?> SendRestAsync(ApiRequest request, CancellationToken cancellationToken) =>
            SendRestAsync(request, reader => JToken.ReadFrom(reader, ReplyReader<JToken>.LoadSettings), cancellationToken);

        /// <summary>
        /// Sends a v4 REST request whose reply is a bare array and reads its objects one by one as they are parsed,
        /// as one <see cref="Page{T}"/> (the array says nothing of totals: those stay null).
        /// </summary>
        public async Task<Page<T>> ReadRestPageAsync<T>(ApiRequest request, Func<JsonReader, T> readItem, CancellationToken cancellationToken) =>
            await SendRestAsync(request, reader => ReadArray(reader, readItem, request.Path), cancellationToken).ConfigureAwait(false)
            ?? new Page<T>(Array.Empty<T>(), null, null, null);

        /// <summary>
        /// Sends a v4 REST request whose reply is one object and maps it; null for a 204. A reply that is not an object is
        /// an invalid reply (an unknown outcome for a write).
        /// </summary>
        public Task<T?> ReadRestObjectAsync<T>(ApiRequest request, Func<JObject, T> map, CancellationToken cancellationToken) where T : class =>
            SendRestAsync(request, reader => map(JObject.Load(reader, ReplyReader<JToken>.LoadSettings)), cancellationToken);

        /// <summary>Sends a v4 REST request whose reply is an array of objects and maps each; empty for a 204.</summary>
        public async Task<IReadOnlyList<T>> ReadRestListAsync<T>(ApiRequest request, Func<JObject, T> map, CancellationToken cancellationToken) =>
            (await ReadRestItemsAsync(request, map, cancellationToken).ConfigureAwait(false)).Items;

        /// <summary>
        /// Sends a v4 REST request whose reply is one object and maps it. Any other reply (an array, no body) is an
        /// InvalidReply naming the path, or OutcomeUnknown for a write, which may have been applied.
        /// </summary>
        public async Task<T> SendRestObjectAsync<T>(ApiRequest request, Func<JObject, T> map, CancellationToken cancellationToken)
        {
            if (await SendRestAsync(request, cancellationToken).ConfigureAwait(false) is JObject reply)
            {
                return map(reply);
            }

            var failure = request.SafeToRepeat ? ApiFailure.InvalidReply : ApiFailure.OutcomeUnknown;
            throw new CoupontoolsApiException(failure, request.Path, $"{request.Method} {request.Path}: the reply is not a JSON object.");
        }

        /// <summary>As <see cref="ReadRestPageAsync{T}"/>, each item of the bare array mapped from its object.</summary>
        public Task<Page<T>> ReadRestItemsAsync<T>(ApiRequest request, Func<JObject, T> map, CancellationToken cancellationToken) =>
            ReadRestPageAsync(request, reader => map(JObject.Load(reader, ReplyReader<JToken>.LoadSettings)), cancellationToken);

        /// <summary>Sends a v4 REST request; <paramref name="read"/> gets the reader on the reply's first token.</summary>
        public Task<T?> SendRestAsync<T>(ApiRequest request, Func<JsonReader, T> read, CancellationToken cancellationToken) where T : class
        {
            if (request.Family != WireFamily.V4Rest)
            {
                throw new ArgumentException($"{request.Path} answers with the status envelope: send it with SendAsync.", nameof(request));
            }

            return ExchangeAsync(request, (attempt, attempts) => FinishRest(request, attempt, read, attempts), cancellationToken);
        }

        /// <summary>The JSON body, or none: GET and DELETE carry one only when there are fields to send.</summary>
        private static byte[]? BodyOf(ApiRequest request)
        {
            if (request.Items != null)
            {
                return Serialize(request.Items);
            }

            var hasFields = false;
            foreach (var field in request.Body)
            {
                hasFields |= field.Value != null;
            }

            return request.Family == WireFamily.V4Rest && !hasFields && (request.Method == "GET" || request.Method == "DELETE")
                ? null
                : Serialize(request.Body);
        }

        /// <summary>The same client id and secret, under the header names of the request's family.</summary>
        private HttpRequestMessage NewMessage(ApiRequest request, byte[]? body)
        {
            var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(baseUri, request.Path.TrimStart('/')));
            var rest = request.Family == WireFamily.V4Rest;
            message.Headers.Add(rest ? "x-api-key" : "X-Client-Id", clientId);
            message.Headers.Add(rest ? "x-api-secret" : "X-Client-Secret", clientSecret);
            if (body != null)
            {
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.ContentType = JsonContentType;
            }

            return message;
        }

        private T? FinishRest<T>(ApiRequest request, Attempt attempt, Func<JsonReader, T> read, int attempts) where T : class
        {
            ThrowIfNoReplyOrRateLimited(request, attempt, attempts);
            var path = request.Path;
            var write = !request.SafeToRepeat;
            var status = attempt.StatusCode;
            var bodyText = attempt.RedactedBodyText(Redactor, MaxBodyInError);
            var tries = $"after {attempts} attempt{(attempts == 1 ? "" : "s")}";
            if (status >= 200 && status < 300)
            {
                // 204 No Content is the one empty success; an empty 200 is as unreadable as a cut reply.
                if (status == 204 && attempt.Body.Length == 0)
                {
                    return null;
                }

                try
                {
                    attempt.Body.Position = 0;
                    return ReadDocument(attempt.Body, read);
                }
                catch (Exception ex) when (!(ex is CoupontoolsApiException))
                {
                    if (write)
                    {
                        throw OutcomeUnknown(path, $"the reply was unreadable (HTTP {status})", bodyText, attempt, attempts, ex);
                    }

                    throw new CoupontoolsApiException(ApiFailure.InvalidReply, path,
                        $"{request.Method} {path}: the reply (HTTP {status}) is not the API's JSON: {DescribeBody(attempt)}. {ex.Message}",
                        httpStatus: status, redactedBody: bodyText, inner: ex, attempts: attempts);
                }
            }

            if (status >= 500)
            {
                if (write)
                {
                    throw OutcomeUnknown(path, $"the server failed (HTTP {status})", bodyText, attempt, attempts);
                }

                throw new CoupontoolsApiException(ApiFailure.HttpError, path,
                    $"{request.Method} {path}: the server answered HTTP {status} {Reason(status)} ({tries}).",
                    httpStatus: status, redactedBody: bodyText, attempts: attempts);
            }

            // No v4 error body is printed in 2025: {"message": "..."} is read when it is there (api/ASSUMED.md), and
            // anything else is kept, redacted, in RedactedBody.
            var raw = MessageOf(attempt);
            var message = raw == null ? null : Redactor.Redact(raw);
            var failure = status >= 400 ? ApiFailure.ApiError : ApiFailure.InvalidReply;
            throw new CoupontoolsApiException(failure, path,
                $"{request.Method} {path}: HTTP {status} {Reason(status)}" + (string.IsNullOrWhiteSpace(message) ? "." : ": " + message!.TrimEnd('.') + "."),
                httpStatus: status, apiMessage: message, redactedBody: bodyText, attempts: attempts);
        }

        private static T ReadDocument<T>(Stream body, Func<JsonReader, T> read)
        {
            using (var text = new StreamReader(body, new UTF8Encoding(false), true, 16 * 1024, leaveOpen: true))
            using (var reader = new JsonTextReader(text)
            {
                DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double, MaxDepth = 64, PropertyNameTable = JsonNames.Table,
            })
            {
                if (!reader.Read())
                {
                    throw new InvalidDataException("The reply is empty.");
                }

                if (reader.TokenType != JsonToken.StartObject && reader.TokenType != JsonToken.StartArray)
                {
                    throw new InvalidDataException("The reply is neither a JSON object nor a JSON array.");
                }

                var result = read(reader);
                if (reader.TokenType != JsonToken.EndObject && reader.TokenType != JsonToken.EndArray)
                {
                    throw new InvalidDataException("The reply ends before its JSON is complete.");
                }

                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.Comment)
                    {
                        throw new InvalidDataException("The reply has content after its JSON.");
                    }
                }

                return result;
            }
        }

        /// <summary>A bare array read with the envelope family's page reader, as if it were that reply's list.</summary>
        private static Page<T> ReadArray<T>(JsonReader reader, Func<JsonReader, T> readItem, string path)
        {
            if (reader.TokenType != JsonToken.StartArray)
            {
                throw new InvalidDataException($"The reply of {path} is not a JSON array.");
            }

            var page = new PageReader<T>(path, readItem);
            page.ReadProperty(path, reader);
            return page.GetResult();
        }

        /// <summary>The <c>message</c> of an error body that is a JSON object with one; null otherwise.</summary>
        private static string? MessageOf(Attempt attempt)
        {
            try
            {
                attempt.Body.Position = 0;
                return ReadDocument(attempt.Body, reader => JToken.ReadFrom(reader, ReplyReader<JToken>.LoadSettings)) is JObject error
                    ? JsonValues.ToText(error["message"])
                    : null;
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidDataException || ex is DecoderFallbackException)
            {
                return null;
            }
        }
    }
}
