using CloudflareSecrets.Internal;

namespace CloudflareSecrets.Generated;

// The generated envelope types already have these members; these declarations only name what they share.
internal partial class SecretsStore_quota_response : IEnvelope;

internal partial class SecretsStore_stores_response_collection : IEnvelope;

internal partial class SecretsStore_store_response : IEnvelope;

internal partial class SecretsStore_delete_response : IEnvelope;

internal partial class SecretsStore_secrets_response_collection : IEnvelope;

internal partial class SecretsStore_secret_response : IEnvelope;
