package dev.paved.jobs.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.InstantiationUtil;

/**
 * Checks that a keyed state class is what Flink can keep efficiently: a POJO whose fields, lists of
 * records included, need no Kryo fallback, and that survives a serializer round trip.
 */
public final class StatePojos {

  private StatePojos() {}

  public static <T> void assertRoundTrip(T state) throws IOException, IllegalAccessException {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) state.getClass();
    TypeInformation<T> info = TypeInformation.of(type);
    assertInstanceOf(PojoTypeInfo.class, info, type + " must be a Flink POJO");
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false); // fails instead of falling back to Kryo
    TypeSerializer<T> serializer = info.createSerializer(config);

    T copy =
        InstantiationUtil.deserializeFromByteArray(
            serializer, InstantiationUtil.serializeToByteArray(serializer, state));

    for (Field field : type.getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        assertEquals(
            field.get(state), field.get(copy), type.getSimpleName() + "." + field.getName());
      }
    }
  }
}
