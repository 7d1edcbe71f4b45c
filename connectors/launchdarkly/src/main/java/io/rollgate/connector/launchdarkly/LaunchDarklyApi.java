package io.rollgate.connector.launchdarkly;

import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Headers;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/** The LaunchDarkly REST API v2 operations Rollgate uses. */
interface LaunchDarklyApi {

  String SEMANTIC_PATCH = "application/json; domain-model=launchdarkly.semanticpatch";

  String FLAG_APPROVALS =
      "api/v2/projects/{projectKey}/flags/{flagKey}/environments/{environmentKey}/approval-requests";

  @GET("api/v2/flags/{projectKey}/{flagKey}")
  Call<Dto.Flag> getFlag(
      @Path("projectKey") String projectKey,
      @Path("flagKey") String flagKey,
      @Query("env") String environmentKey);

  @PATCH("api/v2/flags/{projectKey}/{flagKey}")
  @Headers("Content-Type: " + SEMANTIC_PATCH)
  Call<Dto.Flag> patchFlag(
      @Path("projectKey") String projectKey,
      @Path("flagKey") String flagKey,
      @Body Dto.SemanticPatch body);

  @GET("api/v2/projects/{projectKey}/environments/{environmentKey}")
  Call<Dto.Environment> getEnvironment(
      @Path("projectKey") String projectKey, @Path("environmentKey") String environmentKey);

  @GET(FLAG_APPROVALS)
  Call<Dto.Approvals> listApprovals(
      @Path("projectKey") String projectKey,
      @Path("flagKey") String flagKey,
      @Path("environmentKey") String environmentKey);

  @POST(FLAG_APPROVALS)
  Call<Dto.Approval> createApproval(
      @Path("projectKey") String projectKey,
      @Path("flagKey") String flagKey,
      @Path("environmentKey") String environmentKey,
      @Body Dto.CreateApproval body);

  @GET(FLAG_APPROVALS + "/{id}")
  Call<Dto.Approval> getApproval(
      @Path("projectKey") String projectKey,
      @Path("flagKey") String flagKey,
      @Path("environmentKey") String environmentKey,
      @Path("id") String id);

  @POST(FLAG_APPROVALS + "/{id}/apply")
  Call<Dto.Approval> applyApproval(
      @Path("projectKey") String projectKey,
      @Path("flagKey") String flagKey,
      @Path("environmentKey") String environmentKey,
      @Path("id") String id,
      @Body Dto.ApplyApproval body);
}
