package io.trailhawk.job.config;

import java.net.URI;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads a secret's text from AWS Secrets Manager, once, where the job is built (the JobManager on Managed Flink),
 * with the default credentials of that process. The region is the secret ARN's, else the default region chain's.
 */
final class SecretsManagerSecret {
    private SecretsManagerSecret() {
    }

    static String read(Option key, String secretId, String endpoint) {
        // The SDK refuses to choose when several HTTP clients are on the classpath, and the job jar has two.
        SecretsManagerClientBuilder b = SecretsManagerClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        Region region = regionOf(secretId);
        if (region != null) {
            b.region(region);
        }
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint.trim()));
        }
        try (SecretsManagerClient client = b.build()) {
            GetSecretValueResponse r = client.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build());
            if (r.secretString() == null || r.secretString().isBlank()) {
                throw new ConfigException(key.key() + ": secret " + secretId + " has no SecretString; store the key "
                        + "as text");
            }
            return r.secretString().trim();
        } catch (SdkException e) {
            throw new ConfigException(key.key() + ": cannot read secret " + secretId + " from Secrets Manager: "
                    + e.getMessage());
        }
    }

    /** The region of {@code arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME}, or null for a plain name. */
    static Region regionOf(String secretId) {
        String[] parts = secretId.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && !parts[3].isEmpty() ? Region.of(parts[3]) : null;
    }
}
