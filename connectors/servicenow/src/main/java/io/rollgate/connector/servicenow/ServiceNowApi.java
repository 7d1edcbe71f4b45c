package io.rollgate.connector.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.QueryMap;
import retrofit2.http.Url;

/** The ServiceNow endpoints the client uses. Every call but the token request carries auth. */
interface ServiceNowApi {

  String CHANGE = "api/sn_chg_rest/v1/change";

  @FormUrlEncoded
  @POST("oauth_token.do")
  Call<JsonNode> token(
      @Field("grant_type") String grantType,
      @Field("client_id") String clientId,
      @Field("client_secret") String clientSecret,
      @Field("scope") String scope);

  @GET(CHANGE)
  Call<JsonNode> findChanges(
      @Header("Authorization") String auth,
      @Query("sysparm_query") String query,
      @Query("sysparm_limit") int limit);

  /** {@code type} is {@code normal} or {@code emergency}. */
  @POST(CHANGE + "/{type}")
  Call<JsonNode> createChange(
      @Header("Authorization") String auth,
      @Path("type") String type,
      @Body Map<String, String> fields);

  @POST(CHANGE + "/standard/{template}")
  Call<JsonNode> createStandardChange(
      @Header("Authorization") String auth,
      @Path("template") String templateSysId,
      @Body Map<String, String> fields);

  @GET(CHANGE + "/{sys_id}")
  Call<JsonNode> getChange(@Header("Authorization") String auth, @Path("sys_id") String sysId);

  @PATCH(CHANGE + "/{sys_id}")
  Call<JsonNode> updateChange(
      @Header("Authorization") String auth,
      @Path("sys_id") String sysId,
      @Body Map<String, String> fields);

  @GET(CHANGE + "/{sys_id}/nextstates")
  Call<JsonNode> nextStates(@Header("Authorization") String auth, @Path("sys_id") String sysId);

  @GET(CHANGE + "/{sys_id}/task")
  Call<JsonNode> tasks(
      @Header("Authorization") String auth,
      @Path("sys_id") String sysId,
      @Query("sysparm_query") String query);

  @POST(CHANGE + "/{sys_id}/task")
  Call<JsonNode> createTask(
      @Header("Authorization") String auth,
      @Path("sys_id") String sysId,
      @Body Map<String, String> fields);

  @PATCH(CHANGE + "/{sys_id}/task/{task_sys_id}")
  Call<JsonNode> updateTask(
      @Header("Authorization") String auth,
      @Path("sys_id") String sysId,
      @Path("task_sys_id") String taskSysId,
      @Body Map<String, String> fields);

  @POST(CHANGE + "/{sys_id}/conflict")
  Call<JsonNode> startConflictCheck(
      @Header("Authorization") String auth, @Path("sys_id") String sysId);

  @GET(CHANGE + "/{sys_id}/conflict")
  Call<JsonNode> conflictCheck(@Header("Authorization") String auth, @Path("sys_id") String sysId);

  @GET("api/now/table/{table}")
  Call<JsonNode> table(
      @Header("Authorization") String auth,
      @Path("table") String table,
      @QueryMap Map<String, String> query);

  /** A page named by a {@code Link} header. */
  @GET
  Call<JsonNode> page(@Header("Authorization") String auth, @Url String url);
}
