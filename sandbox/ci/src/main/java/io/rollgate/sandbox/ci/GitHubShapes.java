package io.rollgate.sandbox.ci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import io.rollgate.sandbox.SimResponse;
import java.util.List;

/**
 * JSON objects the way GitHub's REST API writes them (schemas of github-ci-subset.json): the nested
 * user and repository objects every run, deployment and status carries.
 */
final class GitHubShapes {

  static final String DOCS = "https://docs.github.com/rest";

  private static final List<String> REPO_URLS =
      List.of(
          "archive:/{archive_format}{/ref}",
          "assignees:/assignees{/user}",
          "blobs:/git/blobs{/sha}",
          "branches:/branches{/branch}",
          "collaborators:/collaborators{/collaborator}",
          "comments:/comments{/number}",
          "commits:/commits{/sha}",
          "compare:/compare/{base}...{head}",
          "contents:/contents/{+path}",
          "contributors:/contributors",
          "deployments:/deployments",
          "downloads:/downloads",
          "events:/events",
          "forks:/forks",
          "git_commits:/git/commits{/sha}",
          "git_refs:/git/refs{/sha}",
          "git_tags:/git/tags{/sha}",
          "hooks:/hooks",
          "issue_comment:/issues/comments{/number}",
          "issue_events:/issues/events{/number}",
          "issues:/issues{/number}",
          "keys:/keys{/key_id}",
          "labels:/labels{/name}",
          "languages:/languages",
          "merges:/merges",
          "milestones:/milestones{/number}",
          "notifications:/notifications{?since,all,participating}",
          "pulls:/pulls{/number}",
          "releases:/releases{/id}",
          "stargazers:/stargazers",
          "statuses:/statuses/{sha}",
          "subscribers:/subscribers",
          "subscription:/subscription",
          "tags:/tags",
          "teams:/teams",
          "trees:/git/trees{/sha}");

  private GitHubShapes() {}

  /** GitHub's error body: {@code {"message","documentation_url","status"}}. */
  static SimResponse error(int status, String message) {
    ObjectNode body =
        SimJson.object()
            .put("message", message)
            .put("documentation_url", DOCS)
            .put("status", String.valueOf(status));
    return SimResponse.json(status, body);
  }

  /** A {@code simple-user}. */
  static ObjectNode user(String base, String login, long id) {
    String api = base + "/users/" + login;
    return SimJson.object()
        .put("login", login)
        .put("id", id)
        .put("node_id", "MDQ6VXNlcj" + id)
        .put("avatar_url", "https://avatars.githubusercontent.com/u/" + id)
        .put("gravatar_id", "")
        .put("url", api)
        .put("html_url", "https://github.com/" + login)
        .put("followers_url", api + "/followers")
        .put("following_url", api + "/following{/other_user}")
        .put("gists_url", api + "/gists{/gist_id}")
        .put("starred_url", api + "/starred{/owner}{/repo}")
        .put("subscriptions_url", api + "/subscriptions")
        .put("organizations_url", api + "/orgs")
        .put("repos_url", api + "/repos")
        .put("events_url", api + "/events{/privacy}")
        .put("received_events_url", api + "/received_events")
        .put("type", "User")
        .put("site_admin", false);
  }

  static ObjectNode bot(String base) {
    return user(base, "rollgate-sim[bot]", 41898282L);
  }

  /** A {@code minimal-repository}. */
  static ObjectNode repository(String base, String owner, String repo, long id) {
    String api = base + "/repos/" + owner + "/" + repo;
    ObjectNode node =
        SimJson.object()
            .put("id", id)
            .put("node_id", "R_kgDO" + id)
            .put("name", repo)
            .put("full_name", owner + "/" + repo)
            .put("private", false)
            .put("html_url", "https://github.com/" + owner + "/" + repo)
            .put("description", "Simulated repository")
            .put("fork", false)
            .put("url", api)
            .put("git_url", "git://github.com/" + owner + "/" + repo + ".git")
            .put("ssh_url", "git@github.com:" + owner + "/" + repo + ".git");
    node.set("owner", user(base, owner, 1000L + Math.abs(owner.hashCode() % 1000)));
    for (String entry : REPO_URLS) {
      int colon = entry.indexOf(':');
      node.put(entry.substring(0, colon) + "_url", api + entry.substring(colon + 1));
    }
    return node;
  }
}
