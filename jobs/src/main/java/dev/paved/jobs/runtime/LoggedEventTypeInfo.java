package dev.paved.jobs.runtime;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type information for {@link LoggedEvent}, found through its {@code @TypeInfo} annotation:
 * Flink never treats it as a generic (Kryo) type or inspects it as a POJO.
 */
public final class LoggedEventTypeInfo extends TypeInformation<LoggedEvent> {
  public static final LoggedEventTypeInfo INSTANCE = new LoggedEventTypeInfo();

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<LoggedEvent> getTypeClass() {
    return LoggedEvent.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<LoggedEvent> createSerializer(SerializerConfig config) {
    return LoggedEventSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "LoggedEvent";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LoggedEventTypeInfo;
  }

  @Override
  public int hashCode() {
    return LoggedEventTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof LoggedEventTypeInfo;
  }

  /** Named by {@code @TypeInfo} on {@link LoggedEvent}. */
  public static final class Factory extends TypeInfoFactory<LoggedEvent> {
    @Override
    public TypeInformation<LoggedEvent> createTypeInfo(
        Type type, Map<String, TypeInformation<?>> genericParameters) {
      return INSTANCE;
    }
  }
}
