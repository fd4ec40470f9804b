package dev.switchboard.crm.rukovoditel;

/**
 * What authenticates a call to {@code api/rest.php}: the installation's API key and the API user's login.
 *
 * @param keySource      where the key came from, for "what to fix" messages (the SSM parameter's name or
 *                       the variable), never the key itself
 * @param passwordSource the same for the password
 */
public record RukovoditelCredentials(String apiKey, String username, String password, String keySource,
                                     String passwordSource) {

    @Override
    public String toString() {
        return "RukovoditelCredentials[username=" + username + ", key from " + keySource + ", password from "
                + passwordSource + "]";
    }
}
