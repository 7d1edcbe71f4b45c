package io.rollgate.connector.ci.gitlab;

import java.util.List;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The GitLab REST API v4 endpoints Rollgate uses, relative to the instance URL. {@code id} is a
 * numeric project id or a project path; Retrofit encodes its {@code /} as {@code %2F}, as GitLab
 * requires.
 */
interface GitLabApi {

  @GET("api/v4/projects/{id}/pipelines")
  Call<List<Pipeline>> pipelines(
      @Path("id") String project,
      @Query("sha") String sha,
      @Query("order_by") String orderBy,
      @Query("sort") String sort,
      @Query("per_page") int perPage);

  @POST("api/v4/projects/{id}/pipeline")
  Call<Pipeline> createPipeline(@Path("id") String project, @Body NewPipeline body);

  @GET("api/v4/projects/{id}/pipelines")
  Call<List<Pipeline>> pipelinesOfRef(
      @Path("id") String project,
      @Query("ref") String ref,
      @Query("source") String source,
      @Query("order_by") String orderBy,
      @Query("sort") String sort,
      @Query("per_page") int perPage);

  @GET("api/v4/projects/{id}/pipelines/{pipeline_id}/variables")
  Call<List<Variable>> pipelineVariables(
      @Path("id") String project, @Path("pipeline_id") long pipelineId);

  @GET("api/v4/projects/{id}/pipelines/{pipeline_id}")
  Call<Pipeline> pipeline(@Path("id") String project, @Path("pipeline_id") long pipelineId);

  record NewPipeline(String ref, List<Variable> variables) {}

  record Variable(String key, String value, String variableType) {}
}
