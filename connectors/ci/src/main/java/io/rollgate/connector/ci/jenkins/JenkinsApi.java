package io.rollgate.connector.ci.jenkins;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import retrofit2.Call;
import retrofit2.http.FieldMap;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.GET;
import retrofit2.http.HeaderMap;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The Jenkins JSON API endpoints Rollgate uses, relative to the Jenkins root. {@code job} is the
 * encoded job path ({@code job/folder/job/name}).
 */
interface JenkinsApi {

  String BUILD_FIELDS =
      "number,url,building,result,timestamp,duration,"
          + "actions[lastBuiltRevision[SHA1],parameters[name,value]]";

  @GET("{job}/lastBuild/api/json")
  Call<BuildJson> lastBuild(@Path(value = "job", encoded = true) String job);

  @GET("{job}/{number}/api/json")
  Call<BuildJson> build(
      @Path(value = "job", encoded = true) String job, @Path("number") int number);

  @GET("{job}/api/json")
  Call<JobJson> job(@Path(value = "job", encoded = true) String job, @Query("tree") String tree);

  @FormUrlEncoded
  @POST("{job}/buildWithParameters")
  Call<Void> buildWithParameters(
      @Path(value = "job", encoded = true) String job,
      @HeaderMap Map<String, String> crumb,
      @FieldMap Map<String, String> parameters);

  @POST("{job}/build")
  Call<Void> build(
      @Path(value = "job", encoded = true) String job, @HeaderMap Map<String, String> crumb);

  @GET("queue/item/{id}/api/json")
  Call<QueueItemJson> queueItem(@Path("id") long id);

  @GET("crumbIssuer/api/json")
  Call<CrumbJson> crumb();

  record BuildJson(
      int number,
      String url,
      boolean building,
      String result,
      long timestamp,
      long duration,
      List<ActionJson> actions) {}

  record ActionJson(RevisionJson lastBuiltRevision, List<ParameterJson> parameters) {}

  record ParameterJson(String name, String value) {}

  record RevisionJson(@JsonProperty("SHA1") String sha1) {}

  record JobJson(List<BuildJson> builds) {}

  record QueueItemJson(long id, String why, boolean cancelled, ExecutableJson executable) {}

  record ExecutableJson(int number, String url) {}

  record CrumbJson(String crumb, String crumbRequestField) {}
}
