package io.rollgate.app.problem;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.cbor.MappingJackson2CborHttpMessageConverter;
import org.springframework.http.converter.smile.MappingJackson2SmileHttpMessageConverter;
import org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API reads and writes JSON only, as it documents: Spring MVC would also take and answer Smile,
 * CBOR and YAML because their Jackson modules are on the class path (the engine's snapshots, the
 * resilience file), which would be a second, untested way in.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnlyConverters implements WebMvcConfigurer {

  @Override
  public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
    converters.removeIf(
        converter ->
            converter instanceof MappingJackson2SmileHttpMessageConverter
                || converter instanceof MappingJackson2CborHttpMessageConverter
                || converter instanceof MappingJackson2YamlHttpMessageConverter);
  }
}
